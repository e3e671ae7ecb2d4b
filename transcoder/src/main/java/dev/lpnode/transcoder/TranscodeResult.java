package dev.lpnode.transcoder;

import java.util.List;

/**
 * The renditions of one segment, in the order of the request's profiles, and what was decoded.
 *
 * @param decodedFrames video frames decoded from the input
 * @param decodedPixels Σ width × height over the decoded frames
 */
public record TranscodeResult(List<Rendition> renditions, long decodedFrames, long decodedPixels) {
  public TranscodeResult {
    renditions = List.copyOf(renditions);
  }

  /** Σ pixels over every rendition: what the orchestrator bills. */
  public long encodedPixels() {
    return renditions.stream().mapToLong(Rendition::pixels).sum();
  }
}
