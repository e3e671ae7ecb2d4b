package dev.lpnode.orchestrator.segment;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeResult;
import java.util.List;

/**
 * The orchestrator's check of a result before it bills for it: one rendition per profile, none
 * empty (go-livepeer's {@code MismatchedSegments} and {@code ZeroSegments}). The decode check of
 * each rendition (keyframe first, codec, size, frames and pixels as reported) is the engine's own,
 * run in parallel inside the worker process (a {@code TranscodeException} of kind
 * {@code OUTPUT_CHECK}), so no native decoder runs in the node process.
 */
public final class RenditionVerifier {
  static final int MIN_RENDITION_BYTES = 25;

  /** A result that failed its check; the segment is an error, not a billed result. */
  public static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  public void verify(TranscodeResult result, List<VideoProfile> profiles) {
    if (result.renditions().size() != profiles.size()) {
      throw new Failed("MismatchedSegments");
    }
    for (Rendition r : result.renditions()) {
      if (r.data().length < MIN_RENDITION_BYTES) {
        throw new Failed("ZeroSegments");
      }
    }
  }
}
