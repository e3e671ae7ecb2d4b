package dev.lpnode.gateway.ingest;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.media.MediaInfo;
import java.util.Objects;

/**
 * One segment of a broadcaster's stream, as ingest hands it on: what go-livepeer calls an
 * HLSSegment of the source.
 *
 * @param stream     the stream it belongs to, with its ladder
 * @param seq        sequence number: counted from 0 for RTMP, the file name's number for HTTP push
 * @param data       the segment's bytes (MPEG-TS, or MP4 if pushed as {@code .mp4})
 * @param durationMs duration in milliseconds
 * @param format     the container
 * @param media      the streams inside, for playlists and checks
 * @param videoCodec FFmpeg's name of the video codec ({@code h264}, {@code hevc}, …), empty without video
 * @param zeroFrame  no video frames (audio only): go-livepeer passes such segments through
 */
public record SourceSegment(StreamConfig stream, long seq, byte[] data, long durationMs, VideoProfile.Format format,
    MediaInfo media, String videoCodec, boolean zeroFrame) {
  public SourceSegment {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(videoCodec, "videoCodec");
    if (durationMs <= 0) {
      throw new IllegalArgumentException("segment duration must be positive, got " + durationMs + " ms");
    }
  }

  public String manifestId() {
    return stream.manifestId();
  }
}
