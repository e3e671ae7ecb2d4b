package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** A transcoder's earnings pool for one round: its stake snapshot, rates and cumulative factors. */
final class EarningsPool extends Entity {
  static final Kind<EarningsPool> KIND = new Kind<>("ep/", EarningsPool::new, EarningsPool::decode);

  BigInteger totalStake = ZERO;
  long transcoderRewardCut;
  long transcoderFeeShare;
  /** CRF, base 1e27; 0 means "not set" and reads as 1.0 where the contracts do so. */
  BigInteger cumulativeRewardFactor = ZERO;
  /** CFF, base 1e27. */
  BigInteger cumulativeFeeFactor = ZERO;
  /** LPT minted for this transcoder in this round before the treasury cut (not in Livepeer: see the fee path). */
  BigInteger rewardTokens = ZERO;

  static String id(EthAddress transcoder, long round) {
    return transcoder.toHex() + "/" + Kind.pad(round);
  }

  void setCommission(long rewardCut, long feeShare) {
    this.transcoderRewardCut = rewardCut;
    this.transcoderFeeShare = feeShare;
  }

  private static EarningsPool decode(Row r) {
    EarningsPool p = new EarningsPool();
    p.totalStake = r.big();
    p.transcoderRewardCut = r.number();
    p.transcoderFeeShare = r.number();
    p.cumulativeRewardFactor = r.big();
    p.cumulativeFeeFactor = r.big();
    p.rewardTokens = r.big();
    return p;
  }

  @Override
  String encode() {
    return Row.of(totalStake, transcoderRewardCut, transcoderFeeShare, cumulativeRewardFactor, cumulativeFeeFactor, rewardTokens);
  }
}
