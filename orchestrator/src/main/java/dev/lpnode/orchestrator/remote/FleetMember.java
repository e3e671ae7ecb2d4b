package dev.lpnode.orchestrator.remote;

import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.wire.CapabilitySet;
import java.util.concurrent.CompletableFuture;

/** Somewhere a session's segments can be transcoded: the node's own engine or a remote transcoder. */
interface FleetMember {
  /** For logs and {@code /status}: "local" or the transcoder's address. */
  String name();

  /** Sessions it takes at once. */
  int capacity();

  CapabilitySet capabilities();

  /** As {@link dev.lpnode.transcoder.Transcoder#transcode}; a {@link RemoteFault} blames the member, not the input. */
  CompletableFuture<TranscodeResult> transcode(TranscodeRequest request);

  void cancel(TranscodeRequest request);

  void endSession(String sessionId);
}
