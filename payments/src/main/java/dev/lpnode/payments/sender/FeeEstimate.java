package dev.lpnode.payments.sender;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.payments.ticket.Rational;
import java.util.List;

/**
 * What a gateway expects a segment to cost before sending it (go-livepeer's {@code estimateFee}):
 * Σ over renditions of W × H × ceil(fps) × ceil(duration in s), × 1.02, × price per pixel.
 */
public final class FeeEstimate {
  /** Frame rate assumed for a passthrough rendition. */
  static final long PASSTHROUGH_FPS = 60;
  /** go-livepeer multiplies by the float64 1.02, so the exact binary value of that double is used. */
  static final Rational PIXEL_ESTIMATE_MULTIPLIER = Rational.ofExactDouble(1.02);

  private FeeEstimate() {
  }

  /** Estimated output pixels of one segment. */
  public static long outputPixels(List<VideoProfile> profiles, double segmentSeconds) {
    long seconds = (long) Math.ceil(segmentSeconds);
    long pixels = 0;
    for (VideoProfile p : profiles) {
      long fps = p.fpsPassthrough() ? PASSTHROUGH_FPS : ((long) p.fps() + p.fpsDen() - 1) / p.fpsDen(); // ceil
      pixels = Math.addExact(pixels, Math.multiplyExact((long) p.width() * p.height(), fps * seconds));
    }
    return pixels;
  }

  /** The fee estimate in wei. */
  public static Rational fee(List<VideoProfile> profiles, double segmentSeconds, Rational pricePerPixel) {
    return Rational.of(outputPixels(profiles, segmentSeconds)).multiply(PIXEL_ESTIMATE_MULTIPLIER).multiply(pricePerPixel);
  }
}
