package dev.lpnode.gateway.evidence;

import dev.lpnode.ledger.evidence.RenditionEvidence;

/** Where the gateway puts a signed result that failed its checks in a provable way. Called on a worker. */
@FunctionalInterface
public interface EvidenceKeeper {
  void keep(RenditionEvidence evidence);

  /** For gateways without a data directory: evidence is dropped. */
  EvidenceKeeper NONE = evidence -> {};
}
