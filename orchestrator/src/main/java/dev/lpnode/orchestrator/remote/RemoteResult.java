package dev.lpnode.orchestrator.remote;

import java.util.List;

/**
 * What a remote transcoder posted for a task: its renditions with the pixels it claims, or its error.
 *
 * @param decodedPixels the input pixels it says it decoded ({@code Pixels} header)
 * @param parts         one per profile, in order; empty with an error
 * @param error         the transcoder's error text ({@code livepeer/transcoding-error}), or null
 */
record RemoteResult(long decodedPixels, List<Part> parts, String error) {
  /** One rendition as uploaded: its Content-Type, claimed pixels and bytes. */
  record Part(String contentType, long pixels, byte[] data) {}

  static RemoteResult failed(String error) {
    return new RemoteResult(0, List.of(), error);
  }
}
