package dev.lpnode.payments.sender;

/**
 * Ticket params a gateway will not pay with, with go-livepeer's error text. When {@link #expired()}
 * the gateway should fetch fresh params from the orchestrator (GetOrchestrator) and try again.
 */
public final class TicketParamsException extends Exception {
  static final String EXPIRED = "TicketParams expired";

  public TicketParamsException(String message) {
    super(message);
  }

  public boolean expired() {
    return EXPIRED.equals(getMessage());
  }
}
