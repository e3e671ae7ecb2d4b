package dev.lpnode.ledger;

import java.math.BigInteger;

/**
 * An orchestrator's verified work in one round, summed from its {@link SegmentRecord}s (pixels,
 * durations and charged fees of verified segments; the count of failed ones) and from the fees of
 * its redeemed winning tickets.
 */
public record WorkTotals(
    long verifiedSegments,
    long failedSegments,
    BigInteger pixels,
    long mediaMillis,
    long transcodeMillis,
    BigInteger fees,
    BigInteger redeemedFees) {

  public static final WorkTotals NONE = new WorkTotals(0, 0, BigInteger.ZERO, 0, 0, BigInteger.ZERO, BigInteger.ZERO);

  /** The amount of work by {@code metric}. */
  public BigInteger measure(WorkMetric metric) {
    return metric == WorkMetric.PIXELS ? pixels : redeemedFees;
  }

  public WorkTotals plus(WorkTotals other) {
    return new WorkTotals(verifiedSegments + other.verifiedSegments, failedSegments + other.failedSegments,
        pixels.add(other.pixels), mediaMillis + other.mediaMillis, transcodeMillis + other.transcodeMillis,
        fees.add(other.fees), redeemedFees.add(other.redeemedFees));
  }
}
