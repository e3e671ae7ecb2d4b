package dev.lpnode.ledger;

/**
 * Decides whether evidence proves a failed verification: e.g. that the offender's signature covers
 * renditions whose decoded pixels or content do not match what it claimed. Runs before the ledger
 * transaction, so it may be slow (decoding video), but must be deterministic.
 */
@FunctionalInterface
public interface FaultVerifier {
  boolean proves(FaultEvidence evidence);

  /** For networks without a way to prove faults: nothing is ever proven. */
  FaultVerifier NONE = evidence -> false;
}
