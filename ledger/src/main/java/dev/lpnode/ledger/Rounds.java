package dev.lpnode.ledger;

import dev.lpnode.payments.ticket.Bytes32;
import java.util.Optional;

/** The round clock (RoundsManager). */
public interface Rounds {
  RoundInfo round();

  /** The block hash stored when {@code round} was initialized; empty if it never was. */
  Optional<Bytes32> blockHashForRound(long round);

  /** Initializes the current round; fails with "round already initialized" if it is. */
  void initializeRound();
}
