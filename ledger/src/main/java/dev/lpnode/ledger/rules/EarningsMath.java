package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.PercMath.PRECISE;

import java.math.BigInteger;

/**
 * LIP-36 cumulative factor arithmetic (EarningsPoolLIP36), with PreciseMathUtils rounding. A
 * delegator's stake grows by CRF_end/CRF_start and its fees by stake·(CFF_end − CFF_start)/CRF_start,
 * so claims cost O(1) however many rounds passed.
 */
final class EarningsMath {
  static final BigInteger ONE = PRECISE.divisor();

  /** The cumulative factors of a round, as copied into memory by the contract. */
  record Factors(BigInteger rewardFactor, BigInteger feeFactor) {
    static Factors of(EarningsPool pool) {
      return new Factors(pool.cumulativeRewardFactor, pool.cumulativeFeeFactor);
    }

    Factors withRewardFactor(BigInteger crf) {
      return new Factors(crf, feeFactor);
    }

    /** The reward factor, with "not set" read as 1.0. */
    BigInteger rewardFactorOrOne() {
      return rewardFactor.signum() == 0 ? ONE : rewardFactor;
    }
  }

  private EarningsMath() {}

  static void updateCumulativeFeeFactor(EarningsPool pool, Factors prev, BigInteger fees) {
    BigInteger increase = PRECISE.of(prev.rewardFactorOrOne(), fees, pool.totalStake);
    BigInteger base = pool.cumulativeFeeFactor.signum() == 0 ? prev.feeFactor() : pool.cumulativeFeeFactor;
    pool.cumulativeFeeFactor = base.add(increase);
  }

  static void updateCumulativeRewardFactor(EarningsPool pool, Factors prev, BigInteger rewards) {
    BigInteger prevFactor = prev.rewardFactorOrOne();
    pool.cumulativeRewardFactor = prevFactor.add(PRECISE.of(prevFactor, rewards, pool.totalStake));
  }

  static BigInteger delegatorCumulativeStake(Factors start, Factors end, BigInteger stake) {
    return PRECISE.of(stake, end.rewardFactorOrOne(), start.rewardFactorOrOne());
  }

  static BigInteger delegatorCumulativeFees(Factors start, Factors end, BigInteger stake, BigInteger fees) {
    return fees.add(PRECISE.of(stake, end.feeFactor().subtract(start.feeFactor()), start.rewardFactorOrOne()));
  }
}
