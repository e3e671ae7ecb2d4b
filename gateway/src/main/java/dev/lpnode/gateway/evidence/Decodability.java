package dev.lpnode.gateway.evidence;

import dev.lpnode.gateway.media.MediaFormatException;
import dev.lpnode.gateway.media.SegmentProbe;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.transcoder.TranscodeException;
import java.util.Optional;

/**
 * Whether a rendition is media at all, with the same in-process FFmpeg the gateway reads
 * renditions with: a container with a video or audio stream ({@link SegmentProbe}) whose video
 * decodes without error ({@link MediaProbe}). Deterministic for given bytes. An audio-only or
 * zero-frame rendition is media: only output no decoder can read is a provable fault.
 * Blocking (decodes every frame): call on a worker.
 */
public final class Decodability {
  private Decodability() {}

  /** Why {@code rendition} is not decodable media, or empty if it is. */
  public static Optional<String> problem(byte[] rendition) {
    try {
      SegmentProbe.probe(rendition);
    } catch (MediaFormatException e) {
      return Optional.of(e.getMessage());
    }
    try {
      MediaProbe.probe(rendition);
      return Optional.empty();
    } catch (TranscodeException e) {
      return Optional.of("decoding failed: " + e.getMessage());
    }
  }
}
