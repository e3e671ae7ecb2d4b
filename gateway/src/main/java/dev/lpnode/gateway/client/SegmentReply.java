package dev.lpnode.gateway.client;

import dev.lpnode.wire.net.TranscodeResult;

/**
 * What an orchestrator answered to {@code POST /segment} with status 200.
 *
 * @param result       the TranscodeResult (data or error, and the updated OrchestratorInfo)
 * @param uploadNanos  from sending until the response headers (the segment upload)
 * @param totalNanos   from sending until the whole response was read (the round trip)
 */
public record SegmentReply(TranscodeResult result, long uploadNanos, long totalNanos) {}
