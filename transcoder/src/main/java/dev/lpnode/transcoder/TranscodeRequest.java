package dev.lpnode.transcoder;

import dev.lpnode.config.ladder.VideoProfile;
import java.util.List;
import java.util.Objects;

/**
 * One input segment of a stream session and the ladder to produce from it.
 *
 * @param sessionId  the stream session; segments of one session run one at a time, in order, on one worker
 * @param seq        the segment's sequence number (for logs and errors)
 * @param segment    the whole input segment (MPEG-TS or MP4)
 * @param durationMs the segment's duration as announced by the sender; sizes the watchdog
 * @param profiles   the renditions to produce, in the order results are returned
 */
public record TranscodeRequest(String sessionId, long seq, byte[] segment, long durationMs, List<VideoProfile> profiles) {
  public TranscodeRequest {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segment, "segment");
    profiles = List.copyOf(profiles);
  }
}
