package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;

/** Slashing for proven failed verification; off unless {@code slashAmount} is above 0. */
public interface Slashing {
  /**
   * Slashes the offender's own bond by {@code slashAmount} ppm if {@code evidence} proves a fault,
   * paying {@code finderFee} ppm of the penalty to {@code finder} and burning the rest. Reverts
   * with "slashing is disabled", "evidence does not prove a fault: &lt;why&gt;" or "evidence already used".
   */
  SlashResult slash(EthAddress finder, FaultEvidence evidence);
}
