package dev.lpnode.transcoder;

import dev.lpnode.transcoder.engine.Probe;

/**
 * Decodes a media file held in memory and reports what is in it: the orchestrator checks its own
 * renditions with it, the gateway uses it for go-livepeer's {@code -localVerify} pixel count.
 * Runs on the calling thread, which it blocks (tens of milliseconds for a 2 s rendition).
 */
public final class MediaProbe {
  private MediaProbe() {}

  /** @throws TranscodeException {@code TranscoderInvalidVideo} when the data is not a readable media file */
  public static MediaInfo probe(byte[] media) {
    return Probe.probe(media);
  }
}
