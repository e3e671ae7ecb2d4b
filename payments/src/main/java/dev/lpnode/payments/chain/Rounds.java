package dev.lpnode.payments.chain;

import dev.lpnode.payments.ticket.Bytes32;

/** The protocol's rounds, as the RoundsManager contract reports them. */
public interface Rounds {
  long currentRound();

  boolean currentRoundInitialized();

  long lastInitializedRound();

  /**
   * The first block of {@code round}, counted from the current round's start block (RoundsManager's
   * {@code currentRoundStartBlock()}) in steps of the current round length.
   */
  long roundStartBlock(long round);

  /** The block hash recorded when {@code round} was initialized, or {@link Bytes32#ZERO} if none. */
  Bytes32 blockHashForRound(long round);
}
