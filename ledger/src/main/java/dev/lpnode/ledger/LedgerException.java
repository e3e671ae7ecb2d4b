package dev.lpnode.ledger;

/**
 * A ledger operation that is not allowed in the current state: the equivalent of a contract
 * revert. Nothing was changed. Messages are Livepeer's revert strings where the protocol has one.
 */
public final class LedgerException extends IllegalStateException {
  public LedgerException(String message) {
    super(message);
  }

  /** Reverts with {@code message} unless {@code condition} holds (Solidity's {@code require}). */
  public static void require(boolean condition, String message) {
    if (!condition) {
      throw new LedgerException(message);
    }
  }
}
