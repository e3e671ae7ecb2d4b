package dev.lpnode.orchestrator.work;

import dev.lpnode.ledger.SegmentRecord;

/**
 * Where the orchestrator reports each segment it billed (verified) or whose output failed its own
 * check: the ledger records it durably, per orchestrator and round, for work-weighted issuance and
 * routing weight. Called off the event loop; may block on disk.
 */
@FunctionalInterface
public interface VerifiedWorkLog {
  void record(SegmentRecord segment);
}
