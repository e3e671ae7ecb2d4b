package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.PercMath;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An active orchestrator's share of a round's issuance, in ppb (the base of Livepeer's {@code
 * createReward} fraction):
 *
 * <pre>  points = floor(1e9 · (s/S)^(1−α) · (v/V)^α)</pre>
 *
 * where s/S is its share of the round's active stake, v/V its share of the active set's verified
 * work, and α = alphaPpm/1e6. The rounding rule is the exact floor of that real number, so the
 * result does not depend on how it is computed (any correct implementation, on any platform,
 * agrees):
 *
 * <ul>
 *   <li>α = 0 gives {@code floor(s·1e9/S)}, Livepeer's {@code percPoints(s, S)}, so issuance is
 *       Livepeer's to the wei; α = 1 gives {@code floor(v·1e9/V)}.
 *   <li>With α &gt; 0, no verified work (v = 0, or V = 0) gives 0.
 *   <li>Otherwise y = (s/S)·r^(a/b) with r = vS/(sV) = m/n in lowest terms and α = a/b in lowest
 *       terms. If m and n are both perfect b-th powers, y is rational and the floor is computed with
 *       integers only (this covers equal shares, y = s/S). If not, y is irrational, so 1e9·y is
 *       never an integer: it is evaluated in binary fixed point (ln by the atanh series, exp by
 *       Taylor, integer arithmetic throughout) with a proven error bound, and the precision is
 *       doubled until the bound puts both ends in the same integer. Past {@value #MAX_BITS} bits
 *       the lower end is taken, which can only under-mint.
 * </ul>
 *
 * <p>Each share is rounded down and, by Hölder's inequality, Σ (s_i/S)^(1−α)(v_i/V)^α ≤ 1, so the
 * round never mints more than its mintable tokens; the remainder goes to the treasury (see
 * {@code BondingManager.mintUnearnedIssuance}).
 */
public final class WorkWeight {
  private static final BigInteger PPB = PercMath.PPB.divisor();
  private static final long ALPHA_ONE = 1_000_000;
  private static final int START_BITS = 256;
  static final int MAX_BITS = 8192;

  private WorkWeight() {}

  /** The issuance share in ppb; see the class comment. Requires s ≤ S and v ≤ V. */
  public static BigInteger points(BigInteger stake, BigInteger totalStake, BigInteger work, BigInteger totalWork, long alphaPpm) {
    if (alphaPpm < 0 || alphaPpm > ALPHA_ONE) {
      throw new IllegalArgumentException("α must be within 0..1000000 ppm, got " + alphaPpm);
    }
    if (stake.signum() < 0 || work.signum() < 0 || stake.compareTo(totalStake) > 0 || work.compareTo(totalWork) > 0) {
      throw new IllegalArgumentException("shares must lie within 0..1: stake " + stake + "/" + totalStake + ", work " + work + "/" + totalWork);
    }
    if (totalStake.signum() == 0) {
      return BigInteger.ZERO;
    }
    if (alphaPpm == 0) {
      return PercMath.PPB.points(stake, totalStake);
    }
    if (work.signum() == 0) {
      return BigInteger.ZERO;
    }
    if (alphaPpm == ALPHA_ONE) {
      return PercMath.PPB.points(work, totalWork);
    }
    if (stake.signum() == 0) {
      return BigInteger.ZERO;
    }
    long g = BigInteger.valueOf(alphaPpm).gcd(BigInteger.valueOf(ALPHA_ONE)).longValueExact();
    int a = (int) (alphaPpm / g);
    int b = (int) (ALPHA_ONE / g);
    BigInteger m = work.multiply(totalStake);
    BigInteger n = stake.multiply(totalWork);
    BigInteger common = m.gcd(n);
    m = m.divide(common);
    n = n.divide(common);

    Optional<BigInteger> mRoot = exactRoot(m, b);
    Optional<BigInteger> nRoot = exactRoot(n, b);
    if (mRoot.isPresent() && nRoot.isPresent()) {
      BigInteger numerator = PPB.multiply(stake).multiply(mRoot.get().pow(a));
      return numerator.divide(totalStake.multiply(nRoot.get().pow(a)));
    }
    return irrationalFloor(stake, totalStake, m, n, a, b);
  }

  private static BigInteger irrationalFloor(BigInteger s, BigInteger total, BigInteger m, BigInteger n, int a, int b) {
    int bits = Math.max(m.bitLength(), n.bitLength());
    for (int w = START_BITS; ; w *= 2) {
      FixedPoint fp = new FixedPoint(w);
      BigInteger z = fp.ln(m).subtract(fp.ln(n)).multiply(BigInteger.valueOf(a)).divide(BigInteger.valueOf(b));
      BigInteger y = PPB.multiply(s).multiply(fp.exp(z)).divide(total);
      // Error of y in units of 2^-w, from the analysis in FixedPoint: ≤ 1e9·(8B+10)·w + 2.
      BigInteger err = BigInteger.valueOf((8L * bits + 16) * w).shiftLeft(30);
      BigInteger low = clamp(y.subtract(err).shiftRight(w));
      BigInteger high = clamp(y.add(err).shiftRight(w));
      if (low.equals(high) || w >= MAX_BITS) {
        return low;
      }
    }
  }

  private static BigInteger clamp(BigInteger points) {
    return points.max(BigInteger.ZERO).min(PPB);
  }

  /** The integer k-th root of x if x is a perfect k-th power. */
  static Optional<BigInteger> exactRoot(BigInteger x, int k) {
    if (x.equals(BigInteger.ONE)) {
      return Optional.of(BigInteger.ONE);
    }
    if (k > x.bitLength()) {
      return Optional.empty(); // 2^k > x, so the root would lie strictly between 1 and 2
    }
    BigInteger r = integerRoot(x, k);
    return r.pow(k).equals(x) ? Optional.of(r) : Optional.empty();
  }

  /** floor(x^(1/k)) for x ≥ 0 by Newton's method from above. */
  static BigInteger integerRoot(BigInteger x, int k) {
    if (x.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigInteger kk = BigInteger.valueOf(k);
    BigInteger r = BigInteger.ONE.shiftLeft((x.bitLength() + k - 1) / k);
    while (true) {
      BigInteger next = kk.subtract(BigInteger.ONE).multiply(r).add(x.divide(r.pow(k - 1))).divide(kk);
      if (next.compareTo(r) >= 0) {
        return r;
      }
      r = next;
    }
  }

  /**
   * Binary fixed point with w fractional bits. Error bounds, in units of 2^-w: ln2 ≤ w; ln(x) for
   * an x of B bits ≤ (B+1)·w; so z = α·(ln m − ln n) ≤ 2(B+1)·w + 1. In exp(z) = 2^q·exp(f), f
   * carries that plus |q|·w ≤ (2B+1)·w; Taylor adds ≤ 2w and exp'(f) &lt; 2 doubles the input
   * error, giving ≤ (8B+10)·w relative to 2^q. Since 1e9·(s/S)·2^q ≤ 1e9, the final 1e9·y is off by
   * at most 1e9·(8B+10)·w + 2.
   */
  private static final class FixedPoint {
    private final int w;
    private final BigInteger one;
    private final BigInteger ln2;

    FixedPoint(int w) {
      this.w = w;
      this.one = BigInteger.ONE.shiftLeft(w);
      this.ln2 = atanh(one.divide(BigInteger.valueOf(3))).shiftLeft(1);
    }

    /** ln(x) for an integer x ≥ 1: k·ln2 + ln(u), with u = x/2^k in [1, 2). */
    BigInteger ln(BigInteger x) {
      int k = x.bitLength() - 1;
      BigInteger u = x.shiftLeft(w).shiftRight(k);
      BigInteger t = u.subtract(one).shiftLeft(w).divide(u.add(one));
      return ln2.multiply(BigInteger.valueOf(k)).add(atanh(t).shiftLeft(1));
    }

    /** atanh(t) = t + t³/3 + t⁵/5 + … for 0 ≤ t ≤ 1/3. */
    private BigInteger atanh(BigInteger t) {
      BigInteger t2 = t.multiply(t).shiftRight(w);
      BigInteger power = t;
      BigInteger sum = t;
      for (long j = 1; ; j++) {
        power = power.multiply(t2).shiftRight(w);
        if (power.signum() == 0) {
          return sum;
        }
        sum = sum.add(power.divide(BigInteger.valueOf(2 * j + 1)));
      }
    }

    /** exp(z) = 2^q·exp(f) with f = z − q·ln2 in [0, ln2). */
    BigInteger exp(BigInteger z) {
      BigInteger[] qr = z.divideAndRemainder(ln2);
      BigInteger q = qr[0];
      BigInteger f = qr[1];
      if (f.signum() < 0) {
        q = q.subtract(BigInteger.ONE);
        f = f.add(ln2);
      }
      BigInteger term = one;
      BigInteger sum = one;
      for (long k = 1; ; k++) {
        term = term.multiply(f).shiftRight(w).divide(BigInteger.valueOf(k));
        if (term.signum() == 0) {
          break;
        }
        sum = sum.add(term);
      }
      int shift = q.intValueExact();
      return shift >= 0 ? sum.shiftLeft(shift) : sum.shiftRight(-shift);
    }
  }
}
