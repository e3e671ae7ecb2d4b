package dev.lpnode.ledger;

import dev.lpnode.payments.ticket.Bytes32;

/** Where block numbers and hashes come from: a clock-driven counter when embedded, the chain later. */
public interface BlockSource {
  long blockNumber();

  /** The hash of block {@code number}; deterministic for a given chain. */
  Bytes32 blockHash(long number);
}
