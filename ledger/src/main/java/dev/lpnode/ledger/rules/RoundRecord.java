package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;

/**
 * What {@code initializeRound} fixed for a round: the block hash tickets bind to, the total active
 * stake (BondingVotes' total-stake checkpoint), and the issuance inputs of our work weighting: α
 * and the total verified work of the active set in the previous round.
 */
final class RoundRecord extends Entity {
  static final Kind<RoundRecord> KIND = new Kind<>("r/", RoundRecord::new, RoundRecord::decode);

  boolean initialized;
  Bytes32 blockHash = Bytes32.ZERO;
  BigInteger totalActiveStake = ZERO;
  long workAlpha;
  BigInteger totalWork = ZERO;

  private static RoundRecord decode(Row r) {
    RoundRecord rr = new RoundRecord();
    rr.initialized = r.flag();
    rr.blockHash = Bytes32.fromHex(r.text());
    rr.totalActiveStake = r.big();
    rr.workAlpha = r.number();
    rr.totalWork = r.big();
    return rr;
  }

  @Override
  String encode() {
    return Row.of(initialized, blockHash.toString(), totalActiveStake, workAlpha, totalWork);
  }
}
