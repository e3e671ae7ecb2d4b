package dev.lpnode.orchestrator.segment;

import java.time.Duration;

/**
 * What one segment may cost this orchestrator, decided from what it declares before any of it is
 * read: its duration (which the gateway pays for), a body no larger than that duration allows, and a
 * share of the bytes held over all uploads. The transcoder then checks the content itself against the
 * declared duration ({@code ContentCheck}).
 *
 * @param maxDuration  the longest declared duration accepted (go-livepeer accepts 5 min); longer is
 *                     refused with go-livepeer's "invalid duration"
 * @param maxHeldBytes segment bytes held at once over all uploads being read or transcoded; past it
 *                     an upload gets 503 and its connection is closed, unread
 */
public record SegmentLimits(Duration maxDuration, long maxHeldBytes) {
  /** go-livepeer's MaxSegSize: 300 s at 1 MB/s. */
  public static final long MAX_SEGMENT_BYTES = 300_000_000L;
  /** 100 Mbit/s, several times any live source's bitrate, in bytes per declared second. */
  static final long MAX_BYTES_PER_SECOND = 12_500_000L;
  public static final SegmentLimits DEFAULT = new SegmentLimits(Duration.ofSeconds(30), 2 * MAX_SEGMENT_BYTES);

  public SegmentLimits {
    if (maxDuration.isNegative() || maxDuration.isZero() || maxHeldBytes < 1) {
      throw new IllegalArgumentException("segment limits must be positive");
    }
  }

  /** The largest body a segment of {@code durationMs} may have: its duration (at least 2 s) at 100 Mbit/s. */
  public static long maxBodyBytes(long durationMs) {
    return Math.min(MAX_SEGMENT_BYTES, Math.max(durationMs, 2000) * MAX_BYTES_PER_SECOND / 1000);
  }

  /** How long the gateway waits for a segment's reply: max(8 s, 4 × duration), go-livepeer's httpTimeout. */
  public static Duration gatewayTimeout(long durationMs) {
    return Duration.ofMillis(Math.max(8_000, 4 * durationMs));
  }
}
