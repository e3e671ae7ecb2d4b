package dev.lpnode.payments.chain;

import dev.lpnode.payments.crypto.EthAddress;

/** The BondingManager's view of orchestrators that tickets need: who is registered, who is active now, the pool's size. */
public interface TranscoderPool {
  /** True if {@code orchestrator} is in the active set of the current round. */
  boolean isActiveTranscoder(EthAddress orchestrator);

  /** True if {@code orchestrator} is a registered (bonded) transcoder, active or not. */
  boolean isRegisteredTranscoder(EthAddress orchestrator);

  /**
   * The BondingManager's {@code getTranscoderPoolSize()}: the members of the transcoder pool now,
   * which is the next round's active set (joins and evictions take effect next round). The
   * TicketBroker divides a sender's reserve by it, so each active member may claim 1/N per round.
   */
  long transcoderPoolSize();
}
