package dev.lpnode.payments.sender;

import dev.lpnode.payments.ticket.Rational;
import java.math.BigInteger;

/**
 * A gateway's credit with one orchestrator session, kept as go-livepeer's gateway keeps it (its
 * {@code Balance}): the credit is reserved while a segment is in flight, and the tickets sent cover
 * what is missing.
 *
 * <pre>
 *   BalanceUpdate u = credit.stage(FeeEstimate.fee(...), session.ticketEV());
 *   Payment p = sender.createPayment(session, u.numTickets(), price);
 *   ... once the request reached the orchestrator: u.creditSpent();
 *   ... once a TranscodeResult with data came back: u.receivedChange(pixels × price);
 *   finally: credit.complete(u);
 * </pre>
 *
 * Thread-safe.
 */
public final class SessionCredit {
  private Rational balance = Rational.ZERO;

  /**
   * Reserves the current credit and works out the tickets to send: none if the credit covers
   * max(fee, ev), else ceil((max(fee, ev) − credit) / ev). The orchestrator wants at least one
   * ticket's EV in credit before it transcodes.
   */
  public synchronized BalanceUpdate stage(Rational feeEstimate, Rational ticketEV) {
    Rational existing = balance;
    balance = Rational.ZERO;
    Rational minCredit = feeEstimate.max(ticketEV);
    if (existing.compareTo(minCredit) >= 0 || ticketEV.signum() <= 0) {
      return new BalanceUpdate(0, Rational.ZERO, existing);
    }
    BigInteger tickets = minCredit.subtract(existing).divide(ticketEV).ceil();
    int numTickets = tickets.intValueExact();
    return new BalanceUpdate(numTickets, ticketEV.multiply(tickets), existing);
  }

  /**
   * Settles an update: a staged one gives its reserved credit back; a spent one without change
   * loses it; one with change adds existing + new credit − debit (possibly negative).
   */
  public synchronized void complete(BalanceUpdate update) {
    switch (update.status()) {
      case STAGED -> balance = balance.add(update.existingCredit());
      case CREDIT_SPENT -> {
        // The request reached the orchestrator but returned nothing: the credit is gone.
      }
      case RECEIVED_CHANGE -> balance = balance.add(update.existingCredit().add(update.newCredit()).subtract(update.debit()));
    }
  }

  public synchronized Rational balance() {
    return balance;
  }
}
