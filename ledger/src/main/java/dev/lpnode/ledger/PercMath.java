package dev.lpnode.ledger;

import java.math.BigInteger;

/**
 * Livepeer's fixed-point percentages with integer division at each step. Three bases are in use:
 * {@link #PPM} (MathUtils, 1e6: rewardCut, feeShare, slashing, governor quorum and quota), {@link
 * #PPB} (MathUtilsV2, 1e9: inflation, bonding rate, reward fractions) and {@link #PRECISE}
 * (PreciseMathUtils, 1e27: cumulative factors, treasury cut).
 *
 * <p>{@code of(x, a, b)} rounds the ratio first and then applies it, exactly as the contracts do.
 */
public final class PercMath {
  public static final PercMath PPM = new PercMath(BigInteger.TEN.pow(6));
  public static final PercMath PPB = new PercMath(BigInteger.TEN.pow(9));
  public static final PercMath PRECISE = new PercMath(BigInteger.TEN.pow(27));

  private final BigInteger divisor;

  private PercMath(BigInteger divisor) {
    this.divisor = divisor;
  }

  /** 100% in this base. */
  public BigInteger divisor() {
    return divisor;
  }

  /** {@code a/b} in this base, rounded down. */
  public BigInteger points(BigInteger a, BigInteger b) {
    return a.multiply(divisor).divide(b);
  }

  /** {@code x·points(a, b)/D}: the fraction a/b of x, with the ratio rounded first. */
  public BigInteger of(BigInteger x, BigInteger a, BigInteger b) {
    return of(x, points(a, b));
  }

  /** {@code x·p/D}. */
  public BigInteger of(BigInteger x, BigInteger p) {
    return x.multiply(p).divide(divisor);
  }

  public BigInteger of(BigInteger x, long p) {
    return of(x, BigInteger.valueOf(p));
  }

  /** Whether {@code p} is a valid percentage in this base: {@code 0 ≤ p ≤ D}. */
  public boolean valid(BigInteger p) {
    return p.signum() >= 0 && p.compareTo(divisor) <= 0;
  }

  public boolean valid(long p) {
    return valid(BigInteger.valueOf(p));
  }
}
