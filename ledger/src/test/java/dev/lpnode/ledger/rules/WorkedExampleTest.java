package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * economics.md §1.8: transcoder T self-bonds 1000 LPT, D1..D3 bond 3000 each, rewardCut 50%,
 * feeShare 5%, no treasury cut; T mints 100 LPT in a round and then receives 10 ETH of fees.
 */
class WorkedExampleTest {
  private final EthAddress t = account(0);
  private final EthAddress[] d = {account(1), account(2), account(3)};
  private final EthAddress holder = account(9);
  private TestNet net;

  @BeforeEach
  void setUp() {
    net = new TestNet(TestNet.simple());
    // 20,000 LPT supply, half of it bonded: bonding rate = target, so inflation stays 0.5% and
    // the round's mintable tokens are 20,000 · 0.5% = 100 LPT.
    net.ledger.mintLpt(t, lpt(1000));
    net.ledger.mintLpt(holder, lpt(10_000));
    net.ledger.bond(t, lpt(1000), t);
    net.ledger.registerTranscoder(t, 500_000, 50_000);
    for (EthAddress delegator : d) {
      net.ledger.mintLpt(delegator, lpt(3000));
      net.ledger.bond(delegator, lpt(3000), t);
    }
    net.nextRound();
  }

  @Test
  void rewardsCompoundThroughTheCumulativeRewardFactor() {
    RewardResult result = net.ledger.reward(t);

    assertThat(result.minted()).isEqualTo(lpt(100));
    assertThat(result.sharePoints()).isEqualTo(BigInteger.valueOf(1_000_000_000));
    for (EthAddress delegator : d) {
      assertThat(net.ledger.delegator(delegator).pendingStake()).isEqualTo(lpt(3015));
    }
    assertThat(net.ledger.delegator(t).pendingStake()).isEqualTo(lpt(1055));
    assertThat(net.ledger.transcoder(t).totalStake()).isEqualTo(lpt(10_100));
    assertThat(net.custody().lptClaimable()).isEqualTo(net.custody().lptHeld()).isEqualTo(lpt(10_100));
  }

  @Test
  void feesSplitByFeeShareWithLivepeersRounding() {
    net.ledger.reward(t);
    net.ledger.updateTranscoderWithFees(t, TestNet.ETH.multiply(BigInteger.TEN), net.round());

    // Exact arithmetic gives 0.15 ETH per delegator and 9.55 ETH for T. Livepeer rebuilds the
    // previous round's CRF as 1.005·floor(1e27·10000/10050)/1e27 = 1 − 1e-27, so the fee factor
    // is 5e-5 − 1e-27 and each share is one wei short; 4 wei of dust stay with the Minter.
    BigInteger delegatorFees = new BigInteger("149999999999999999");
    BigInteger transcoderFees = new BigInteger("9549999999999999999");
    for (EthAddress delegator : d) {
      assertThat(net.ledger.delegator(delegator).pendingFees()).isEqualTo(delegatorFees);
    }
    assertThat(net.ledger.delegator(t).pendingFees()).isEqualTo(transcoderFees);
    assertThat(net.ledger.ethBalance(SystemAccounts.MINTER)).isEqualTo(new BigInteger("10000000000000000000"));
    assertThat(net.custody().ethClaimable()).isEqualTo(delegatorFees.multiply(BigInteger.valueOf(3)).add(transcoderFees));
  }

  @Test
  void claimingAndWithdrawingPaysExactlyThePendingAmounts() {
    net.ledger.reward(t);
    net.ledger.updateTranscoderWithFees(t, TestNet.ETH.multiply(BigInteger.TEN), net.round());
    BigInteger fees = net.ledger.delegator(d[0]).pendingFees();

    net.ledger.claimEarnings(d[0]);
    assertThat(net.ledger.delegator(d[0]).bondedAmount()).isEqualTo(lpt(3015));
    assertThat(net.ledger.delegator(d[0]).fees()).isEqualTo(fees);
    net.ledger.withdrawFees(d[0], d[0], fees);
    assertThat(net.ledger.ethBalance(d[0])).isEqualTo(fees);
    assertThat(net.ledger.delegator(d[0]).pendingFees()).isZero();

    // A later claim (next round, no new earnings) changes nothing.
    net.nextRound();
    net.ledger.claimEarnings(d[0]);
    assertThat(net.ledger.delegator(d[0]).bondedAmount()).isEqualTo(lpt(3015));
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void rewardsOfLaterRoundsCompoundOnEarlierOnes() {
    net.ledger.reward(t);
    net.nextRound();
    // Round 3: the stake snapshot is 10,100 of a 20,100 supply: bonding rate above target.
    RewardResult second = net.ledger.reward(t);
    BigInteger crf2 = new BigInteger("1005000000000000000000000000");
    BigInteger delegatorsRewards = second.rewards().subtract(second.rewards().divide(BigInteger.TWO));
    BigInteger crf3 = crf2.add(crf2.multiply(delegatorsRewards.multiply(EarningsMath.ONE).divide(lpt(10_100))).divide(EarningsMath.ONE));
    BigInteger expected = lpt(3000).multiply(crf3.multiply(EarningsMath.ONE).divide(EarningsMath.ONE)).divide(EarningsMath.ONE);
    assertThat(net.ledger.delegator(d[1]).pendingStake()).isEqualTo(expected);
    assertThat(net.ledger.audit()).isEmpty();
  }
}
