package dev.lpnode.ledger.rules;

import static java.math.BigInteger.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WorkWeightTest {
  private static final BigInteger PPB = valueOf(1_000_000_000);

  /** Shares of stake and work: s ≤ S, v ≤ V, all positive. */
  record Shares(BigInteger s, BigInteger total, BigInteger v, BigInteger work) {}

  /**
   * An independent exact oracle for α = a/b: floor(1e9·y) = floor((1e9^b · (s/S)^(b−a) · (v/V)^a)^(1/b)),
   * an integer root of an integer quotient.
   */
  private static BigInteger oracle(Shares x, int a, int b) {
    BigInteger num = PPB.pow(b).multiply(x.s().pow(b - a)).multiply(x.v().pow(a));
    BigInteger den = x.total().pow(b - a).multiply(x.work().pow(a));
    return WorkWeight.integerRoot(num.divide(den), b);
  }

  @Provide
  Arbitrary<Shares> shares() {
    Arbitrary<BigInteger> big = Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(27));
    return Combinators.combine(big, big, big, big).as((a, b, c, d) -> new Shares(a.min(b), a.max(b), c.min(d), c.max(d)));
  }

  @Property(tries = 300)
  void agreesWithTheIntegerRootOracleForSmallDenominators(@ForAll("shares") Shares x, @ForAll("alphas") int[] alpha) {
    long ppm = 1_000_000L * alpha[0] / alpha[1];
    assertThat(WorkWeight.points(x.s(), x.total(), x.v(), x.work(), ppm)).isEqualTo(oracle(x, alpha[0], alpha[1]));
  }

  @Provide
  Arbitrary<int[]> alphas() {
    return Arbitraries.of(new int[] {1, 2}, new int[] {1, 4}, new int[] {3, 4}, new int[] {3, 10}, new int[] {7, 20}, new int[] {1, 8}, new int[] {9, 10});
  }

  @Property(tries = 200)
  void isMonotoneInWorkAndNeverAboveOne(@ForAll("shares") Shares x, @ForAll("anyAlpha") long alpha) {
    BigInteger p = WorkWeight.points(x.s(), x.total(), x.v(), x.work(), alpha);
    assertThat(p).isBetween(BigInteger.ZERO, PPB);
    BigInteger less = WorkWeight.points(x.s(), x.total(), x.v(), x.work().add(x.work()), alpha);
    assertThat(less).isLessThanOrEqualTo(p);
  }

  @Provide
  Arbitrary<Long> anyAlpha() {
    return Arbitraries.longs().between(0, 1_000_000);
  }

  @Test
  void alphaZeroIsLivepeersStakeFraction() {
    BigInteger s = new BigInteger("3333333333333333333333");
    BigInteger total = new BigInteger("10000000000000000000001");
    assertThat(WorkWeight.points(s, total, BigInteger.ZERO, BigInteger.ZERO, 0)).isEqualTo(s.multiply(PPB).divide(total));
  }

  @Test
  void alphaOneIsTheWorkFraction() {
    assertThat(WorkWeight.points(valueOf(1), valueOf(2), valueOf(1), valueOf(3), 1_000_000)).isEqualTo(valueOf(333_333_333));
  }

  @Test
  void noWorkEarnsNothingOnceWorkCounts() {
    assertThat(WorkWeight.points(valueOf(5), valueOf(10), BigInteger.ZERO, valueOf(7), 1)).isZero();
    assertThat(WorkWeight.points(valueOf(5), valueOf(10), BigInteger.ZERO, BigInteger.ZERO, 500_000)).isZero();
  }

  @Test
  void rationalResultsAreExact() {
    // Equal shares: y = s/S whatever α (here an irreducible α = 333333/1e6).
    assertThat(WorkWeight.points(valueOf(1), valueOf(3), valueOf(7), valueOf(21), 333_333)).isEqualTo(valueOf(333_333_333));
    // (1/4)^(1/2)·(1)^(1/2) = 1/2 exactly, which an approximation alone could not decide.
    assertThat(WorkWeight.points(valueOf(1), valueOf(4), valueOf(5), valueOf(5), 500_000)).isEqualTo(valueOf(500_000_000));
  }

  @Test
  void irreducibleAlphasMatchAnEightyDigitReference() {
    // Expected values from mpmath at 80 digits: floor(1e9·exp((1−α)·ln(s/S) + α·ln(v/V))).
    assertThat(WorkWeight.points(valueOf(1), valueOf(3), valueOf(2), valueOf(3), 333_333)).isEqualTo(valueOf(419_973_586));
    BigInteger s = new BigInteger("123456789000000000000000000");
    assertThat(WorkWeight.points(s, BigInteger.TEN.pow(27), valueOf(987_654_321), valueOf(5_000_000_000L), 700_001)).isEqualTo(valueOf(171_553_337));
    assertThat(WorkWeight.points(valueOf(1), BigInteger.TEN.pow(27), valueOf(3), BigInteger.TEN.pow(27), 123_457)).isZero();
    assertThat(WorkWeight.points(valueOf(2), valueOf(7), valueOf(5), valueOf(11), 999_999)).isEqualTo(valueOf(454_545_243));
    assertThat(WorkWeight.points(valueOf(6), valueOf(7), valueOf(1), valueOf(11), 1)).isEqualTo(valueOf(857_140_933));
  }

  @Test
  void valuesWithinAHairOfAnIntegerAreStillFlooredExactly() {
    // y = ½·√(1 ± 1/a²) with a = 2^200: 1e9·y lies 2^-372 above or below 500000000, far inside the
    // error bound at the starting precision, so the precision must be raised to decide.
    BigInteger a2 = BigInteger.ONE.shiftLeft(400);
    assertThat(WorkWeight.points(valueOf(1), valueOf(2), a2.add(BigInteger.ONE), a2.shiftLeft(1), 500_000)).isEqualTo(valueOf(500_000_000));
    assertThat(WorkWeight.points(valueOf(1), valueOf(2), a2.subtract(BigInteger.ONE), a2.shiftLeft(1), 500_000)).isEqualTo(valueOf(499_999_999));
  }

  @Test
  void rejectsSharesAboveOne() {
    assertThatThrownBy(() -> WorkWeight.points(valueOf(2), valueOf(1), valueOf(1), valueOf(1), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkWeight.points(valueOf(1), valueOf(1), valueOf(1), valueOf(1), 1_000_001)).isInstanceOf(IllegalArgumentException.class);
  }
}
