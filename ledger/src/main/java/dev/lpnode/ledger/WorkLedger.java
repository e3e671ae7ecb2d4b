package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.util.List;

/** Verified work: recorded by orchestrators, read for issuance and for routing. */
public interface WorkLedger {
  /**
   * Records one transcoded segment in the current round, durably; false if this segment (by
   * orchestrator, session, sequence number and outcome) was recorded already.
   */
  boolean recordSegment(SegmentRecord segment);

  WorkTotals workTotals(EthAddress orchestrator, long round);

  /** The routing weight of every orchestrator active in the current round. */
  List<RoutingWeight> routingWeights();
}
