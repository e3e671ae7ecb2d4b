package dev.lpnode.gateway.selection;

import dev.lpnode.payments.crypto.EthAddress;

/**
 * The stake term of selection: a non-negative weight per orchestrator address (only ratios
 * matter). Off chain every orchestrator weighs the same; on a network it is the ledger's routing
 * weight, stake combined with verified-work performance, so orchestrators with more stake and
 * more verified work get more streams. Called while selecting: must not block.
 */
@FunctionalInterface
public interface StakeWeights {
  /** Equal stake: what an off-chain gateway uses. */
  StakeWeights EQUAL = orchestrator -> 1.0;

  /** @param orchestrator the ticket recipient (or the orchestrator's address); null if it sent none */
  double weight(EthAddress orchestrator);
}
