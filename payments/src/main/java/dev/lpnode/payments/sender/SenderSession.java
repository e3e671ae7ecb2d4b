package dev.lpnode.payments.sender;

import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.TicketParams;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tickets on one set of params from one orchestrator (go-livepeer's PM session, keyed by the
 * recipientRandHash). Nonces count up from 1; new params from the orchestrator mean a new session.
 */
public final class SenderSession {
  private final TicketParams params;
  private final AtomicLong lastNonce = new AtomicLong();

  SenderSession(TicketParams params) {
    this.params = params;
  }

  public TicketParams params() {
    return params;
  }

  /** The session's key. */
  public Bytes32 id() {
    return params.recipientRandHash();
  }

  /** The exact EV of each ticket. */
  public Rational ticketEV() {
    return params.expectedValue();
  }

  long nextNonce() {
    return lastNonce.incrementAndGet();
  }
}
