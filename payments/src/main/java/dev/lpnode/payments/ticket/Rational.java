package dev.lpnode.payments.ticket;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact rational number, always reduced with a positive denominator, like Go's {@code
 * big.Rat}. Ticket EVs, balances and prices are kept as rationals so that nothing is lost to
 * rounding and values compare exactly as go-livepeer compares them.
 */
public final class Rational implements Comparable<Rational> {
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  private final BigInteger numerator;
  private final BigInteger denominator;

  private Rational(BigInteger numerator, BigInteger denominator) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  public static Rational of(BigInteger numerator, BigInteger denominator) {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("denominator is zero");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE)) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
    return new Rational(numerator, denominator);
  }

  public static Rational of(long numerator, long denominator) {
    return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  public static Rational of(BigInteger integer) {
    return new Rational(integer, BigInteger.ONE);
  }

  public static Rational of(long integer) {
    return of(BigInteger.valueOf(integer));
  }

  /** The exact value of a double, like Go's {@code new(big.Rat).SetFloat64(x)}. */
  public static Rational ofExactDouble(double value) {
    BigDecimal exact = new BigDecimal(value);
    return exact.scale() <= 0
        ? of(exact.toBigIntegerExact())
        : of(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
  }

  public BigInteger numerator() {
    return numerator;
  }

  /** Always positive. */
  public BigInteger denominator() {
    return denominator;
  }

  public int signum() {
    return numerator.signum();
  }

  public boolean isInteger() {
    return denominator.equals(BigInteger.ONE);
  }

  public Rational add(Rational o) {
    if (denominator.equals(o.denominator)) {
      return of(numerator.add(o.numerator), denominator);
    }
    return of(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
  }

  public Rational subtract(Rational o) {
    return add(o.negate());
  }

  public Rational multiply(Rational o) {
    return of(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
  }

  public Rational multiply(BigInteger factor) {
    return of(numerator.multiply(factor), denominator);
  }

  public Rational divide(Rational o) {
    if (o.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return of(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
  }

  public Rational negate() {
    return new Rational(numerator.negate(), denominator);
  }

  public Rational reciprocal() {
    return ONE.divide(this);
  }

  /** The largest integer ≤ this. */
  public BigInteger floor() {
    BigInteger[] qr = numerator.divideAndRemainder(denominator);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /** The smallest integer ≥ this. */
  public BigInteger ceil() {
    BigInteger[] qr = numerator.divideAndRemainder(denominator);
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }

  public Rational max(Rational o) {
    return compareTo(o) >= 0 ? this : o;
  }

  /** Go's {@code Rat.FloatString(decimals)}: rounded to nearest, halves away from zero. */
  public String toDecimalString(int decimals) {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), decimals, RoundingMode.HALF_UP).toPlainString();
  }

  @Override
  public int compareTo(Rational o) {
    return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
  }

  @Override
  public int hashCode() {
    return Objects.hash(numerator, denominator);
  }

  /** Go's {@code Rat.RatString()}: {@code "a/b"}, or {@code "a"} for an integer. */
  @Override
  public String toString() {
    return isInteger() ? numerator.toString() : numerator + "/" + denominator;
  }
}
