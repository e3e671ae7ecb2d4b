package dev.lpnode.orchestrator.work;

/**
 * Where verified work goes: the ledger records it durably, per orchestrator and round, for
 * work-weighted issuance and routing weight. Called off the event loop; may block on disk.
 */
@FunctionalInterface
public interface VerifiedWorkLog {
  void record(VerifiedWork work);
}
