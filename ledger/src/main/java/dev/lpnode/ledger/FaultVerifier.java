package dev.lpnode.ledger;

import java.util.Optional;

/**
 * Decides whether evidence proves a failed verification: e.g. that the offender's signature covers
 * renditions that are not decodable media. Runs before the ledger transaction, so it may be slow
 * (decoding video), but must be deterministic.
 */
@FunctionalInterface
public interface FaultVerifier {
  /** Empty if {@code evidence} proves a fault; otherwise why it does not, for the one who submitted it. */
  Optional<String> refusal(FaultEvidence evidence);

  /** For networks without a way to prove faults: nothing is ever proven. */
  FaultVerifier NONE = evidence -> Optional.of("this network has no fault verifier");
}
