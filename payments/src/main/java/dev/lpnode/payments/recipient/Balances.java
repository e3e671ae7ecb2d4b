package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.PriceInfo;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The orchestrator's credit per (sender, session) in exact wei (protocol.md §5.7), and the price
 * fixed for each session by its first payment. Credit comes from ticket EVs, debits from
 * transcoded pixels. Entries untouched for {@link #IDLE_TTL} are dropped by {@link #removeIdle()}.
 * Thread-safe.
 */
public final class Balances {
  public static final Duration IDLE_TTL = Duration.ofMinutes(10);

  private record Key(EthAddress sender, String sessionId) {
  }

  private static final class Entry {
    /** The balance as a fraction that is not kept reduced (see {@link #add}). */
    BigInteger numerator = BigInteger.ZERO;
    BigInteger denominator = BigInteger.ONE;
    Rational fixedPrice;
    long touchedMillis;

    /**
     * Adds without a gcd when {@code amount}'s denominator divides the balance's, which is the
     * steady state: ticket EVs share one denominator and debits another, and the balance soon has
     * their product. Reducing every time (as {@link Rational} does) would cost the receive path a
     * 256-bit gcd per payment.
     */
    void add(Rational amount) {
      BigInteger[] quotient = denominator.divideAndRemainder(amount.denominator());
      if (quotient[1].signum() == 0) {
        numerator = numerator.add(amount.numerator().multiply(quotient[0]));
      } else {
        numerator = numerator.multiply(amount.denominator()).add(amount.numerator().multiply(denominator));
        denominator = denominator.multiply(amount.denominator());
        if (denominator.bitLength() > MAX_UNREDUCED_BITS) {
          Rational reduced = value();
          numerator = reduced.numerator();
          denominator = reduced.denominator();
        }
      }
    }

    Rational value() {
      return Rational.of(numerator, denominator);
    }

    boolean covers(Rational amount) {
      return numerator.multiply(amount.denominator()).compareTo(amount.numerator().multiply(denominator)) >= 0;
    }
  }

  private static final int MAX_UNREDUCED_BITS = 2048;

  private final Clock clock;
  private final Map<Key, Entry> entries = new HashMap<>();

  public Balances(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public synchronized void credit(EthAddress sender, String sessionId, Rational amount) {
    touch(sender, sessionId).add(amount);
  }

  public synchronized void debit(EthAddress sender, String sessionId, Rational amount) {
    touch(sender, sessionId).add(amount.negate());
  }

  /**
   * Debits the fee for a transcoded segment: {@code price × pixels}, with the price the gateway
   * sent ({@code Payment.expected_price}) and the pixels of all renditions returned.
   */
  public void debitFees(EthAddress sender, String sessionId, PriceInfo price, long pixels) {
    if (price.getPixelsPerUnit() <= 0) {
      throw new IllegalArgumentException("pixels per unit must be positive");
    }
    debit(sender, sessionId, Rational.of(price.getPricePerUnit(), price.getPixelsPerUnit()).multiply(Rational.of(pixels)));
  }

  /** The current credit in wei; zero for an unknown session. */
  public synchronized Rational balance(EthAddress sender, String sessionId) {
    Entry e = entries.get(new Key(sender, sessionId));
    return e == null ? Rational.ZERO : e.value();
  }

  /** True if the session's balance is at least {@code amount}; an unknown session has none. */
  public synchronized boolean covers(EthAddress sender, String sessionId, Rational amount) {
    Entry e = entries.get(new Key(sender, sessionId));
    return e == null ? amount.signum() <= 0 : e.covers(amount);
  }

  /** The price per pixel fixed for the session, if a payment fixed one. */
  public synchronized Optional<Rational> fixedPrice(EthAddress sender, String sessionId) {
    Entry e = entries.get(new Key(sender, sessionId));
    return e == null ? Optional.empty() : Optional.ofNullable(e.fixedPrice);
  }

  /** Fixes the session's price unless one is fixed already: the first payment decides. */
  public synchronized void fixPriceIfUnset(EthAddress sender, String sessionId, Rational pricePerPixel) {
    Entry e = touch(sender, sessionId);
    if (e.fixedPrice == null) {
      e.fixedPrice = pricePerPixel;
    }
  }

  /** Drops sessions untouched for {@link #IDLE_TTL}; returns how many. Call it every few minutes. */
  public synchronized int removeIdle() {
    long cutoff = clock.millis() - IDLE_TTL.toMillis();
    int removed = 0;
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      if (it.next().touchedMillis < cutoff) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  private Entry touch(EthAddress sender, String sessionId) {
    Entry e = entries.computeIfAbsent(new Key(sender, sessionId), k -> new Entry());
    e.touchedMillis = clock.millis();
    return e;
  }
}
