package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.WorkTotals;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** The running {@link WorkTotals} of one orchestrator in one round. */
final class WorkTally extends Entity {
  static final Kind<WorkTally> KIND = new Kind<>("w/", WorkTally::new, WorkTally::decode);

  long verifiedSegments;
  long failedSegments;
  BigInteger pixels = ZERO;
  long mediaMillis;
  long transcodeMillis;
  BigInteger fees = ZERO;
  BigInteger redeemedFees = ZERO;

  static String id(EthAddress orchestrator, long round) {
    return orchestrator.toHex() + "/" + Kind.pad(round);
  }

  void add(SegmentRecord segment) {
    if (segment.outcome() == SegmentRecord.Outcome.FAILED) {
      failedSegments++;
      return;
    }
    verifiedSegments++;
    pixels = pixels.add(segment.pixels());
    mediaMillis = Math.addExact(mediaMillis, segment.mediaDuration().toMillis());
    transcodeMillis = Math.addExact(transcodeMillis, segment.transcodeTime().toMillis());
    fees = fees.add(segment.fees());
  }

  WorkTotals totals() {
    return new WorkTotals(verifiedSegments, failedSegments, pixels, mediaMillis, transcodeMillis, fees, redeemedFees);
  }

  private static WorkTally decode(Row r) {
    WorkTally w = new WorkTally();
    w.verifiedSegments = r.number();
    w.failedSegments = r.number();
    w.pixels = r.big();
    w.mediaMillis = r.number();
    w.transcodeMillis = r.number();
    w.fees = r.big();
    w.redeemedFees = r.big();
    return w;
  }

  @Override
  String encode() {
    return Row.of(verifiedSegments, failedSegments, pixels, mediaMillis, transcodeMillis, fees, redeemedFees);
  }
}
