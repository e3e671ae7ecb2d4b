package dev.lpnode.gateway.ingest;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.media.MediaInfo;
import java.util.Objects;

/**
 * One rendition of a segment, ready to serve.
 *
 * @param name   the profile's name ({@link #SOURCE} for the broadcaster's own segment)
 * @param data   the segment bytes
 * @param format the container
 * @param media  the streams inside (resolution and codecs for the master playlist)
 */
public record Rendition(String name, byte[] data, VideoProfile.Format format, MediaInfo media) {
  /** go-livepeer's name for the source rendition in playlists. */
  public static final String SOURCE = "source";

  public Rendition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(media, "media");
  }

  /** The source segment served as-is. */
  public static Rendition source(SourceSegment segment) {
    return new Rendition(SOURCE, segment.data(), segment.format(), segment.media());
  }
}
