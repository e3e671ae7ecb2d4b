package dev.lpnode.gateway.media;

import java.util.Objects;

/**
 * What a player needs to know about a segment's streams.
 *
 * @param width      video width in pixels; 0 without video
 * @param height     video height in pixels; 0 without video
 * @param videoCodec RFC 6381 codec string of the video (e.g. {@code avc1.64001f}); empty if absent or unknown
 * @param audioCodec RFC 6381 codec string of the audio (e.g. {@code mp4a.40.2}); empty if absent or unknown
 */
public record MediaInfo(int width, int height, String videoCodec, String audioCodec) {
  public static final MediaInfo NONE = new MediaInfo(0, 0, "", "");

  public MediaInfo {
    Objects.requireNonNull(videoCodec, "videoCodec");
    Objects.requireNonNull(audioCodec, "audioCodec");
  }

  public boolean hasVideo() {
    return width > 0 && height > 0;
  }

  /** The HLS CODECS attribute value, or empty when no codec is known. */
  public String codecs() {
    if (videoCodec.isEmpty() || audioCodec.isEmpty()) {
      return videoCodec + audioCodec;
    }
    return videoCodec + "," + audioCodec;
  }

  /** RFC 6381 name of an H.264 stream: {@code avc1.} and profile, constraint flags and level in hex. */
  public static String avc1(int profileIdc, int constraintFlags, int levelIdc) {
    return String.format("avc1.%02x%02x%02x", profileIdc & 0xFF, constraintFlags & 0xFF, levelIdc & 0xFF);
  }

  /** RFC 6381 name of an MPEG-4 audio stream (AAC LC is object type 2, MP3 is 34 by convention). */
  public static String mp4a(int audioObjectType) {
    return "mp4a.40." + audioObjectType;
  }
}
