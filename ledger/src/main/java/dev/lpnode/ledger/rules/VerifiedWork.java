package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.WorkMetric;
import dev.lpnode.ledger.WorkTotals;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.Collection;

/**
 * Verified work per orchestrator and round, recorded as orchestrators verify segments. A round's
 * totals feed the next round's issuance (see {@link WorkWeight}) and the routing weight. Segments
 * are deduplicated by orchestrator, session, sequence number and outcome across the current and the
 * previous round; older dedup entries are pruned when a round is initialized.
 */
final class VerifiedWork {
  private final LedgerState state;
  private final RoundsManager rounds;

  VerifiedWork(LedgerState state, RoundsManager rounds) {
    this.state = state;
    this.rounds = rounds;
  }

  /** Adds {@code segment} to its orchestrator's current round; false if it was already recorded. */
  boolean record(SegmentRecord segment) {
    long round = rounds.currentRound();
    String what = segment.orchestrator().toHex() + "/" + Row.text(segment.sessionId()) + "/" + segment.seqNo() + "/" + segment.outcome();
    if (marker(round - 1, what).present || marker(round, what).present) {
      return false;
    }
    marker(round, what).present = true;
    tally(segment.orchestrator(), round).add(segment);
    return true;
  }

  private Marker marker(long round, String what) {
    return state.get(Marker.SEGMENT, Kind.pad(round) + "/" + what);
  }

  private WorkTally tally(EthAddress orchestrator, long round) {
    return state.get(WorkTally.KIND, WorkTally.id(orchestrator, round));
  }

  void addRedeemedFees(EthAddress orchestrator, long round, BigInteger fees) {
    WorkTally t = tally(orchestrator, round);
    t.redeemedFees = t.redeemedFees.add(fees);
  }

  WorkTotals totals(EthAddress orchestrator, long round) {
    return tally(orchestrator, round).totals();
  }

  /** Totals over rounds {@code from..to} inclusive. */
  WorkTotals totals(EthAddress orchestrator, long from, long to) {
    WorkTotals sum = WorkTotals.NONE;
    for (long r = Math.max(0, from); r <= to; r++) {
      sum = sum.plus(totals(orchestrator, r));
    }
    return sum;
  }

  BigInteger measure(EthAddress orchestrator, long round, WorkMetric metric) {
    return totals(orchestrator, round).measure(metric);
  }

  BigInteger total(Collection<EthAddress> orchestrators, long round, WorkMetric metric) {
    BigInteger sum = BigInteger.ZERO;
    for (EthAddress o : orchestrators) {
      sum = sum.add(measure(o, round, metric));
    }
    return sum;
  }

  /** Drops dedup entries of rounds before {@code round − 1}. */
  void prune(long round) {
    state.deleteRange(Marker.SEGMENT, "", Kind.pad(round - 1));
  }
}
