package dev.lpnode.payments.sender;

import dev.lpnode.payments.ticket.Rational;
import java.util.Objects;

/** One segment's change to a {@link SessionCredit}; see there for its life cycle. */
public final class BalanceUpdate {
  /** How far the request got. */
  public enum Status {
    /** Not sent: the reserved credit is given back. */
    STAGED,
    /** Sent and reached the orchestrator, without a result: the credit is spent. */
    CREDIT_SPENT,
    /** A result came back: the debit for its pixels is known. */
    RECEIVED_CHANGE
  }

  private final int numTickets;
  private final Rational newCredit;
  private final Rational existingCredit;
  private volatile Status status = Status.STAGED;
  private volatile Rational debit = Rational.ZERO;

  BalanceUpdate(int numTickets, Rational newCredit, Rational existingCredit) {
    this.numTickets = numTickets;
    this.newCredit = newCredit;
    this.existingCredit = existingCredit;
  }

  /** Tickets to put in the payment. */
  public int numTickets() {
    return numTickets;
  }

  /** EV of those tickets. */
  public Rational newCredit() {
    return newCredit;
  }

  /** The credit reserved for this segment. */
  public Rational existingCredit() {
    return existingCredit;
  }

  public Rational debit() {
    return debit;
  }

  public Status status() {
    return status;
  }

  /** The request (and its payment) reached the orchestrator. */
  public void creditSpent() {
    status = Status.CREDIT_SPENT;
  }

  /** The orchestrator returned a result costing {@code debit} (its pixels × the price). */
  public void receivedChange(Rational debit) {
    this.debit = Objects.requireNonNull(debit, "debit");
    status = Status.RECEIVED_CHANGE;
  }
}
