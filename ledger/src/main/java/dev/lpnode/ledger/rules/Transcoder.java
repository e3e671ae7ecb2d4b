package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import java.math.BigInteger;

/** BondingManager's Transcoder: commission rates, activation window and reward bookkeeping. */
final class Transcoder extends Entity {
  static final Kind<Transcoder> KIND = new Kind<>("t/", Transcoder::new, Transcoder::decode);
  static final long MAX_FUTURE_ROUND = Long.MAX_VALUE;

  long lastRewardRound;
  /** ppm of minted rewards the transcoder keeps as commission. */
  long rewardCut;
  /** ppm of fees passed on to delegators. */
  long feeShare;
  long lastActiveStakeUpdateRound;
  long activationRound;
  long deactivationRound;
  BigInteger activeCumulativeRewards = ZERO;
  BigInteger cumulativeRewards = ZERO;
  BigInteger cumulativeFees = ZERO;
  long lastFeeRound;

  private static Transcoder decode(Row r) {
    Transcoder t = new Transcoder();
    t.lastRewardRound = r.number();
    t.rewardCut = r.number();
    t.feeShare = r.number();
    t.lastActiveStakeUpdateRound = r.number();
    t.activationRound = r.number();
    t.deactivationRound = r.number();
    t.activeCumulativeRewards = r.big();
    t.cumulativeRewards = r.big();
    t.cumulativeFees = r.big();
    t.lastFeeRound = r.number();
    return t;
  }

  @Override
  String encode() {
    return Row.of(lastRewardRound, rewardCut, feeShare, lastActiveStakeUpdateRound, activationRound, deactivationRound,
        activeCumulativeRewards, cumulativeRewards, cumulativeFees, lastFeeRound);
  }
}
