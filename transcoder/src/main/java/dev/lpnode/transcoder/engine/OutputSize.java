package dev.lpnode.transcoder.engine;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.TranscodeException;

/**
 * lpms's output size rule (spec/protocol.md §10): the larger requested side is applied to the larger
 * input side, the other side follows the input's aspect ratio (rounded to an even number, as FFmpeg's
 * {@code scale=-2} does), and both sides are clamped to the encoder's limits, so portrait and extreme
 * inputs such as 16x4000 still produce a valid, even-sized output.
 */
public record OutputSize(int width, int height) {

  /** Size limits of an output codec ("7th gen NVENC", applied to software too, like lpms). */
  private record Limits(int minWidth, int minHeight, int max) {}

  private static final Limits H264 = new Limits(146, 50, 4096);
  private static final Limits HEVC = new Limits(132, 40, 8192);

  public static OutputSize of(VideoProfile profile, int inputWidth, int inputHeight) {
    if (inputWidth <= 0 || inputHeight <= 0) {
      throw new TranscodeException(TranscodeException.Kind.INVALID_RESOLUTION);
    }
    Limits limits = profile.codec() == VideoProfile.VideoCodec.H265 ? HEVC : H264;
    long side = Math.min(Math.max(profile.width(), profile.height()), limits.max()) & ~1L;
    long width;
    long height;
    if (inputWidth >= inputHeight) {
      width = side;
      height = evenRescale(side, inputHeight, inputWidth);
    } else {
      height = side;
      width = evenRescale(side, inputWidth, inputHeight);
    }
    return new OutputSize(clamp(width, limits.minWidth(), limits.max()), clamp(height, limits.minHeight(), limits.max()));
  }

  /** {@code side × small / large} rounded to the nearest even number (FFmpeg's {@code av_rescale} with factor 2). */
  private static long evenRescale(long side, long small, long large) {
    return (side * small + large) / (2 * large) * 2;
  }

  private static int clamp(long value, int min, int max) {
    return (int) Math.max(min, Math.min(max, value));
  }

  public long pixels() {
    return (long) width * height;
  }
}
