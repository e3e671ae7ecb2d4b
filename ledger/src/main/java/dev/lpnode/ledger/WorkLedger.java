package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.util.List;

/** Verified work: recorded by orchestrators, read for issuance and for routing. */
public interface WorkLedger {
  /**
   * Records one transcoded segment in the current round, durably; false if this segment (by
   * orchestrator, session, sequence number and outcome) was recorded already. The embedded ledger
   * commits one SQLite transaction (an fsync, about half a millisecond) per call: call it once per
   * segment from the worker thread that verified it, never from an event loop.
   */
  boolean recordSegment(SegmentRecord segment);

  WorkTotals workTotals(EthAddress orchestrator, long round);

  /** The totals of rounds {@code fromRound..toRound} inclusive, read at once. */
  WorkTotals workTotals(EthAddress orchestrator, long fromRound, long toRound);

  /**
   * The routing weight of every orchestrator active in the current round: stake share × success
   * rate × latency score over the recent rounds' recorded work, normalized to sum to 1. A gateway's
   * selection uses {@code weight} where go-livepeer uses the stake share ({@code stake / Σ stake},
   * weighted by {@code -selectStakeWeight}), matching candidates by their ticket recipient address.
   * Reads the database (about 0.3 ms): call it off the event loop and cache it for a few seconds.
   */
  List<RoutingWeight> routingWeights();
}
