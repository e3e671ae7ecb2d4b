package dev.lpnode.payments.chain;

/** The TicketBroker refused a call; the message is the contract's revert reason. */
public final class TicketRevertedException extends Exception {
  public TicketRevertedException(String reason) {
    super(reason);
  }
}
