package dev.lpnode.gateway.client;

import java.util.Objects;

/**
 * One {@code POST <transcoder>/segment}.
 *
 * @param transcoder    the orchestrator's service URI ({@code OrchestratorInfo.transcoder})
 * @param segmentHeader {@code Livepeer-Segment}: base64 of the signed SegData
 * @param paymentHeader {@code Livepeer-Payment}: base64 of the Payment (empty off chain)
 * @param body          the segment bytes
 * @param durationMs    the segment's duration, which sizes the timeouts
 */
public record SegmentSubmission(String transcoder, String segmentHeader, String paymentHeader, byte[] body,
    long durationMs) {
  public SegmentSubmission {
    Objects.requireNonNull(transcoder, "transcoder");
    Objects.requireNonNull(segmentHeader, "segmentHeader");
    Objects.requireNonNull(paymentHeader, "paymentHeader");
    Objects.requireNonNull(body, "body");
  }

  /** go-livepeer's uploadTimeout: max(2 s, 0.5 × duration), until the response headers. */
  public long uploadTimeoutMs() {
    return Math.max(2_000, durationMs / 2);
  }

  /** go-livepeer's httpTimeout: max(8 s, 4 × duration), for the whole request. */
  public long totalTimeoutMs() {
    return Math.max(8_000, 4 * durationMs);
  }
}
