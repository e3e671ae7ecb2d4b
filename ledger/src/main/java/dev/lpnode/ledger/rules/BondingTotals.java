package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import java.math.BigInteger;

/** BondingManager's global totals and the delayed treasury cut rate. */
final class BondingTotals extends Entity {
  static final Kind<BondingTotals> KIND = new Kind<>("g/bonding", BondingTotals::new, BondingTotals::decode);

  BigInteger currentRoundTotalActiveStake = ZERO;
  BigInteger nextRoundTotalActiveStake = ZERO;
  BigInteger treasuryRewardCutRate = ZERO;
  BigInteger nextRoundTreasuryRewardCutRate = ZERO;

  private static BondingTotals decode(Row r) {
    BondingTotals b = new BondingTotals();
    b.currentRoundTotalActiveStake = r.big();
    b.nextRoundTotalActiveStake = r.big();
    b.treasuryRewardCutRate = r.big();
    b.nextRoundTreasuryRewardCutRate = r.big();
    return b;
  }

  @Override
  String encode() {
    return Row.of(currentRoundTotalActiveStake, nextRoundTotalActiveStake, treasuryRewardCutRate, nextRoundTreasuryRewardCutRate);
  }
}
