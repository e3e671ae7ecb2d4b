package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;

/**
 * Evidence that an orchestrator signed a transcode result that fails verification (on the embedded
 * network: {@link dev.lpnode.ledger.evidence.RenditionEvidence}). What it contains and how it is
 * checked belong to the {@link FaultVerifier}; the ledger only needs who is accused and a unique
 * id, so the same fault is never slashed twice.
 */
public interface FaultEvidence {
  EthAddress offender();

  /** Unique per fault, e.g. the signed result's hash. */
  String id();
}
