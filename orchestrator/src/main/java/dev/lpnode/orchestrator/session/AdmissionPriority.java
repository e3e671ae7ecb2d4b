package dev.lpnode.orchestrator.session;

import dev.lpnode.payments.crypto.EthAddress;

/**
 * Which gateways may start a session in the last sessions of the cap (staked ones, on a network with
 * stake tiers): those sessions are held for them, so that a staked gateway is admitted while the
 * orchestrator is otherwise at capacity.
 */
public interface AdmissionPriority {
  /** Of a cap of {@code maxSessions}, how many sessions only priority gateways may start. Cheap: called under a lock. */
  int reserved(int maxSessions);

  /** Whether {@code gateway} may start one of them. May read the ledger: never call it on an event loop. */
  boolean hasPriority(EthAddress gateway);

  /** No priority: every gateway may take every session (go-livepeer's admission). */
  AdmissionPriority NONE = new AdmissionPriority() {
    @Override
    public int reserved(int maxSessions) {
      return 0;
    }

    @Override
    public boolean hasPriority(EthAddress gateway) {
      return false;
    }
  };
}
