package dev.lpnode.gateway.pay;

import dev.lpnode.payments.sender.BalanceUpdate;
import dev.lpnode.payments.sender.SessionCredit;
import dev.lpnode.payments.ticket.Rational;

/**
 * The payment sent with one segment and its effect on the session's credit, settled the
 * go-livepeer way: call {@link #reached} once the orchestrator answered, {@link #received} when it
 * returned renditions, and {@link #complete} in every case.
 */
public final class SegmentPayment {
  static final SegmentPayment NONE = new SegmentPayment("", null, null, Rational.ZERO);

  private final String header;
  private final SessionCredit credit;
  private final BalanceUpdate update;
  private final Rational pricePerPixel;

  SegmentPayment(String header, SessionCredit credit, BalanceUpdate update, Rational pricePerPixel) {
    this.header = header;
    this.credit = credit;
    this.update = update;
    this.pricePerPixel = pricePerPixel;
  }

  /** The {@code Livepeer-Payment} header value (empty off chain). */
  public String header() {
    return header;
  }

  /** Tickets in the payment. */
  public int tickets() {
    return update == null ? 0 : update.numTickets();
  }

  /** Their expected value, in wei. */
  public Rational value() {
    return update == null ? Rational.ZERO : update.newCredit();
  }

  /** The orchestrator received the request: the credit reserved for it is spent. */
  public void reached() {
    if (update != null) {
      update.creditSpent();
    }
  }

  /** The orchestrator returned renditions of {@code pixels} in total, at the price paid. */
  public void received(long pixels) {
    if (update != null) {
      update.receivedChange(pricePerPixel.multiply(Rational.of(pixels)));
    }
  }

  /** Settles the credit: what was not spent is kept for the next segment. */
  public void complete() {
    if (update != null) {
      credit.complete(update);
    }
  }
}
