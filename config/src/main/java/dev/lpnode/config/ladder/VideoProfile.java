package dev.lpnode.config.ladder;

import java.util.Objects;

/**
 * One rendition of a transcoding ladder, with the fields and meanings of Livepeer's VideoProfile.
 *
 * @param name      rendition name; also the source of the 4-byte profile ID on the wire
 * @param width     requested width; the engine keeps the source aspect ratio (lpms semantics)
 * @param height    requested height
 * @param bitrate   target bit rate in bit/s, applied as min = avg = max = VBV size; 0 leaves rate
 *                  control to the encoder (CRF from {@code quality}, or its default)
 * @param fps       frame-rate numerator; 0 keeps the source frame rate (passthrough)
 * @param fpsDen    frame-rate denominator, at least 1
 * @param format    output container
 * @param profile   H.264 profile; decides the B-frame rule
 * @param gopMs     keyframe interval in milliseconds; {@link #GOP_DEFAULT} or {@link #GOP_INTRA_ONLY}
 * @param codec     output codec
 * @param quality   CRF-like quality; 0 means bitrate-driven
 */
public record VideoProfile(
    String name,
    int width,
    int height,
    int bitrate,
    int fps,
    int fpsDen,
    Format format,
    H264Profile profile,
    int gopMs,
    VideoCodec codec,
    int quality) {

  /** No GOP requested: the encoder's default keyframe placement (plus an IDR per segment). */
  public static final int GOP_DEFAULT = 0;
  /** Every frame is a keyframe. */
  public static final int GOP_INTRA_ONLY = -1;

  public VideoProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(codec, "codec");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("profile " + name + ": width and height must be positive, got " + width + "x" + height);
    }
    if (bitrate < 0) {
      throw new IllegalArgumentException("profile " + name + ": bitrate must not be negative, got " + bitrate);
    }
    if (fps < 0 || fpsDen < 0) {
      throw new IllegalArgumentException("profile " + name + ": fps and fpsDen must not be negative");
    }
    if (gopMs < GOP_INTRA_ONLY) {
      throw new IllegalArgumentException("profile " + name + ": invalid gop " + gopMs + " ms");
    }
    if (quality < 0) {
      throw new IllegalArgumentException("profile " + name + ": quality must not be negative");
    }
    fpsDen = Math.max(fpsDen, 1);
  }

  /** A constant-frame-rate MPEG-TS H.264 rendition with encoder defaults, like lpms's presets. */
  public static VideoProfile of(String name, int width, int height, int bitrate, int fps) {
    return new VideoProfile(name, width, height, bitrate, fps, 1, Format.MPEGTS, H264Profile.NONE,
        GOP_DEFAULT, VideoCodec.H264, 0);
  }

  /** True when the source frame rate is kept. */
  public boolean fpsPassthrough() {
    return fps == 0;
  }

  /** go-livepeer's name for an unnamed profile received on the wire. */
  public static String defaultName(String prefix, int width, int height, int bitrate) {
    return prefix + width + "x" + height + "_" + bitrate;
  }

  public VideoProfile withName(String newName) {
    return new VideoProfile(newName, width, height, bitrate, fps, fpsDen, format, profile, gopMs, codec, quality);
  }

  public VideoProfile withFormat(Format newFormat) {
    return new VideoProfile(name, width, height, bitrate, fps, fpsDen, newFormat, profile, gopMs, codec, quality);
  }

  /** Output container of a rendition. */
  public enum Format {
    MPEGTS(".ts", "video/mp2t"),
    MP4(".mp4", "video/mp4");

    private final String extension;
    private final String mimeType;

    Format(String extension, String mimeType) {
      this.extension = extension;
      this.mimeType = mimeType;
    }

    public String extension() {
      return extension;
    }

    public String mimeType() {
      return mimeType;
    }
  }

  /** H.264 profile, with lpms's B-frame rule (baseline and constrained high: none; main and high: 3). */
  public enum H264Profile {
    NONE("", "none"),
    BASELINE("baseline", "h264baseline"),
    MAIN("main", "h264main"),
    HIGH("high", "h264high"),
    CONSTRAINED_HIGH("high", "h264constrainedhigh");

    private final String x264Name;
    private final String jsonName;

    H264Profile(String x264Name, String jsonName) {
      this.x264Name = x264Name;
      this.jsonName = jsonName;
    }

    /** The encoder's `profile` option value; empty for the encoder default. */
    public String x264Name() {
      return x264Name;
    }

    /** The name used in go-livepeer's JSON ladder files. */
    public String jsonName() {
      return jsonName;
    }

    /** Whether the profile forbids B-frames (lpms sets bf=0). */
    public boolean forbidsBFrames() {
      return this == BASELINE || this == CONSTRAINED_HIGH;
    }
  }

  /** Output video codec; names as go-livepeer's JSON ladder files spell them. */
  public enum VideoCodec {
    H264("H.264"),
    H265("HEVC"),
    VP8("VP8"),
    VP9("VP9");

    private final String jsonName;

    VideoCodec(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }
  }
}
