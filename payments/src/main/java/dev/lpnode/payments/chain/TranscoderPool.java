package dev.lpnode.payments.chain;

import dev.lpnode.payments.crypto.EthAddress;

/** The BondingManager's view of orchestrators that tickets need: who is registered, who is active now. */
public interface TranscoderPool {
  /** True if {@code orchestrator} is in the active set of the current round. */
  boolean isActiveTranscoder(EthAddress orchestrator);

  /** True if {@code orchestrator} is a registered (bonded) transcoder, active or not. */
  boolean isRegisteredTranscoder(EthAddress orchestrator);

  /** Size of the current round's active set: each member may claim 1/N of a sender's reserve. */
  long transcoderPoolSize();
}
