package dev.lpnode.eth.tx;

/**
 * The chain refuses a transaction. {@link #mined()} is false when the refusal came from gas
 * estimation (nothing was sent, nothing spent) and true when the transaction was mined and
 * reverted (its gas is spent). The message is the contract's revert reason.
 */
public final class TransactionRevertedException extends Exception {
  private final boolean mined;

  public TransactionRevertedException(String reason, boolean mined) {
    super(reason);
    this.mined = mined;
  }

  public boolean mined() {
    return mined;
  }
}
