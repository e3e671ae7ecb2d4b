package dev.lpnode.payments.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RationalTest {
  @Provide
  Arbitrary<Rational> rationals() {
    Arbitrary<BigInteger> nums = Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000_000L), BigInteger.valueOf(1_000_000_000_000L));
    Arbitrary<BigInteger> dens = Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.valueOf(1_000_000L));
    return Combinators.combine(nums, dens).as(Rational::of);
  }

  @Property
  void arithmeticMatchesCrossMultiplication(@ForAll("rationals") Rational a, @ForAll("rationals") Rational b) {
    BigInteger an = a.numerator(), ad = a.denominator(), bn = b.numerator(), bd = b.denominator();
    assertThat(a.add(b)).isEqualTo(Rational.of(an.multiply(bd).add(bn.multiply(ad)), ad.multiply(bd)));
    assertThat(a.subtract(b)).isEqualTo(Rational.of(an.multiply(bd).subtract(bn.multiply(ad)), ad.multiply(bd)));
    assertThat(a.multiply(b)).isEqualTo(Rational.of(an.multiply(bn), ad.multiply(bd)));
    if (b.signum() != 0) {
      assertThat(a.divide(b).multiply(b)).isEqualTo(a);
    }
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(an.multiply(bd).compareTo(bn.multiply(ad)));
  }

  @Property
  void floorAndCeilMatchBigDecimal(@ForAll("rationals") Rational a) {
    BigDecimal num = new BigDecimal(a.numerator());
    BigDecimal den = new BigDecimal(a.denominator());
    assertThat(a.floor()).isEqualTo(num.divide(den, 0, RoundingMode.FLOOR).toBigInteger());
    assertThat(a.ceil()).isEqualTo(num.divide(den, 0, RoundingMode.CEILING).toBigInteger());
  }

  @Test
  void reducesLikeGoBigRat() {
    assertThat(Rational.of(2402, 2000)).hasToString("1201/1000");
    assertThat(Rational.of(-4, -2)).hasToString("2");
    assertThat(Rational.of(3, -6)).hasToString("-1/2");
  }

  @Test
  void decimalStringRoundsHalvesAwayFromZeroLikeGoFloatString() {
    assertThat(Rational.of(5, 2).toDecimalString(0)).isEqualTo("3");
    assertThat(Rational.of(-5, 2).toDecimalString(0)).isEqualTo("-3");
    assertThat(Rational.of(1, 3).toDecimalString(5)).isEqualTo("0.33333");
    assertThat(Rational.of(3_000_000_000_000L).toDecimalString(5)).isEqualTo("3000000000000.00000");
  }

  @Test
  void exactDoubleIsTheBinaryValue() {
    Rational r = Rational.ofExactDouble(1.02);
    assertThat(r).isNotEqualTo(Rational.of(102, 100));
    // 1.02 as a double is 1.0200000000000000177…: slightly above 102/100, over a power of two.
    assertThat(r).isGreaterThan(Rational.of(102, 100));
    assertThat(r.denominator().bitCount()).isEqualTo(1);
    assertThat(Rational.ofExactDouble(60.0)).isEqualTo(Rational.of(60));
  }
}
