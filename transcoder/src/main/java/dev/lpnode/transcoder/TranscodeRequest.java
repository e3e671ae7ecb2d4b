package dev.lpnode.transcoder;

import dev.lpnode.config.ladder.VideoProfile;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One input segment of a stream session and the ladder to produce from it.
 *
 * @param sessionId  the stream session; segments of one session run one at a time, in order, on one worker
 * @param seq        the segment's sequence number (for logs and errors)
 * @param segment    the whole input segment (MPEG-TS or MP4)
 * @param durationMs the segment's duration as declared by the sender: the content may not hold much
 *                   more (0 means 2 s, as in go-livepeer)
 * @param profiles   the renditions to produce, in the order results are returned
 * @param timeout    how long the caller waits, from when it submits the segment: past it the segment
 *                   fails with {@code TranscoderTimeout}, is stopped wherever it is, and never runs again
 * @param checkOutput whether the engine decodes its renditions to check them (if its settings check
 *                   output at all); false only when whoever bills for them decodes them anyway
 */
public record TranscodeRequest(String sessionId, long seq, byte[] segment, long durationMs, List<VideoProfile> profiles,
    Duration timeout, boolean checkOutput) {
  public TranscodeRequest {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(timeout, "timeout");
    profiles = List.copyOf(profiles);
  }

  /** A request whose renditions the engine checks. */
  public TranscodeRequest(String sessionId, long seq, byte[] segment, long durationMs, List<VideoProfile> profiles,
      Duration timeout) {
    this(sessionId, seq, segment, durationMs, profiles, timeout, true);
  }

  /** A request with a patient caller: {@link #patientTimeout(long)}. */
  public TranscodeRequest(String sessionId, long seq, byte[] segment, long durationMs, List<VideoProfile> profiles) {
    this(sessionId, seq, segment, durationMs, profiles, patientTimeout(durationMs));
  }

  /** For callers without a deadline of their own (bench, tests): 60 s, or 10 × the duration. */
  public static Duration patientTimeout(long durationMs) {
    return Duration.ofMillis(Math.max(60_000, 10 * Math.max(durationMs, 0)));
  }
}
