package dev.lpnode.payments.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.testing.MutableClock;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.PriceInfo;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BalancesTest {
  private static final EthAddress A = EthAddress.fromHex("0x00000000000000000000000000000000000000aa");
  private static final EthAddress B = EthAddress.fromHex("0x00000000000000000000000000000000000000bb");

  private final MutableClock clock = new MutableClock();
  private final Balances balances = new Balances(clock);

  @Test
  void balancesAreExactPerSenderAndSession() {
    balances.credit(A, "s1", Rational.of(1, 3));
    balances.credit(A, "s1", Rational.of(1, 6));
    balances.credit(A, "s2", Rational.of(5));
    balances.credit(B, "s1", Rational.of(7));
    assertThat(balances.balance(A, "s1")).isEqualTo(Rational.of(1, 2));
    assertThat(balances.balance(A, "s2")).isEqualTo(Rational.of(5));
    assertThat(balances.balance(B, "s1")).isEqualTo(Rational.of(7));
    assertThat(balances.balance(B, "s2")).isEqualTo(Rational.ZERO);
  }

  @Test
  void feesAreDebitedAsPriceTimesPixelsAndMayGoNegative() {
    balances.credit(A, "s", Rational.of(8_000_000_000L));
    PriceInfo price = PriceInfo.newBuilder().setPricePerUnit(1201).setPixelsPerUnit(1000).build();
    balances.debitFees(A, "s", price, 19_958_400);
    assertThat(balances.balance(A, "s")).isEqualTo(Rational.of(8_000_000_000L).subtract(Rational.of(1201L * 19_958_400, 1000)));
    balances.debit(A, "s", Rational.of(10_000_000_000L));
    assertThat(balances.balance(A, "s").signum()).isNegative();
  }

  @Test
  void theFirstFixedPriceStays() {
    balances.fixPriceIfUnset(A, "s", Rational.of(1010));
    balances.fixPriceIfUnset(A, "s", Rational.of(2000));
    assertThat(balances.fixedPrice(A, "s")).contains(Rational.of(1010));
    assertThat(balances.fixedPrice(A, "t")).isEmpty();
  }

  @Test
  void sessionsIdleForTenMinutesAreDropped() {
    balances.credit(A, "old", Rational.ONE);
    balances.fixPriceIfUnset(A, "old", Rational.ONE);
    clock.advance(Duration.ofMinutes(6));
    balances.credit(A, "recent", Rational.ONE);
    clock.advance(Duration.ofMinutes(5));
    assertThat(balances.removeIdle()).isEqualTo(1);
    assertThat(balances.balance(A, "old")).isEqualTo(Rational.ZERO);
    assertThat(balances.fixedPrice(A, "old")).isEmpty();
    assertThat(balances.balance(A, "recent")).isEqualTo(Rational.ONE);
  }

  @Provide
  Arbitrary<List<Rational>> amounts() {
    // Ticket-EV-like denominators around 2^256 mixed with price-like ones, and their signs.
    Arbitrary<BigInteger> dens = Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.valueOf(1_000_000)),
        Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TWO.pow(256)));
    Arbitrary<BigInteger> nums = Arbitraries.bigIntegers().between(BigInteger.TWO.pow(300).negate(), BigInteger.TWO.pow(300));
    return Combinators.combine(nums, dens).as(Rational::of).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void creditsAndDebitsSumExactly(@ForAll("amounts") List<Rational> amounts, @ForAll("amounts") List<Rational> probes) {
    Balances b = new Balances(new MutableClock());
    Rational reference = Rational.ZERO;
    for (Rational amount : amounts) {
      if (amount.signum() >= 0) {
        b.credit(A, "s", amount);
      } else {
        b.debit(A, "s", amount.negate());
      }
      reference = reference.add(amount);
      assertThat(b.balance(A, "s")).isEqualTo(reference);
    }
    for (Rational probe : probes) {
      assertThat(b.covers(A, "s", probe)).isEqualTo(!amounts.isEmpty() ? reference.compareTo(probe) >= 0 : probe.signum() <= 0);
    }
  }
}
