package dev.lpnode.payments.chain;

/**
 * The TicketBroker refused a call; the message is the contract's revert reason. A refusal is final
 * unless {@link #retryable()}: on a chain, a redemption that gas estimation finds would revert
 * (nothing sent) is tried again on later blocks, as go-livepeer does, unless its reason can never
 * change (protocol.md §5.9).
 */
public final class TicketRevertedException extends Exception {
  private final boolean retryable;

  public TicketRevertedException(String reason) {
    this(reason, false);
  }

  public TicketRevertedException(String reason, boolean retryable) {
    super(reason);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
