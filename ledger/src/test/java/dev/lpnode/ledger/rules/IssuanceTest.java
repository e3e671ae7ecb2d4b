package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.PercMath.PPB;
import static dev.lpnode.ledger.PercMath.PRECISE;
import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lpnode.ledger.IssuanceInfo;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.ProposalState;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuanceTest {
  private final EthAddress a = account(1);
  private final EthAddress b = account(2);
  private final EthAddress c = account(3);

  private static TestNet network(NetworkParameters params, EthAddress[] transcoders, long[] stakes) {
    TestNet net = new TestNet(params);
    net.ledger.mintLpt(account(50), lpt(100_000));
    for (int i = 0; i < transcoders.length; i++) {
      net.ledger.mintLpt(transcoders[i], lpt(stakes[i]));
      net.ledger.bond(transcoders[i], lpt(stakes[i]), transcoders[i]);
      net.ledger.registerTranscoder(transcoders[i], 250_000, 100_000);
    }
    net.nextRound();
    return net;
  }

  @Test
  void alphaZeroMintsLivepeersStakeShareWithTheTreasuryCut() {
    NetworkParameters params = TestNet.simple()
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, new BigInteger("100000000000000000000000000"))
        .with(NetworkParameter.INFLATION_CHANGE, 500);
    EthAddress[] ts = {a, b, c};
    TestNet net = network(params, ts, new long[] {1000, 2345, 7777});
    for (int round = 0; round < 4; round++) {
      net.work(a, round + 1, 7_000); // work must not matter at α = 0
      IssuanceInfo issuance = net.ledger.issuance();
      for (EthAddress t : ts) {
        BigInteger stake = net.roundStake(t);
        RewardResult r = net.ledger.reward(t);
        BigInteger expected = PPB.of(issuance.mintableTokens(), stake, issuance.totalActiveStake());
        assertThat(r.minted()).isEqualTo(expected);
        assertThat(r.treasury()).isEqualTo(PRECISE.of(expected, issuance.treasuryRewardCutRate()));
      }
      net.nextRound();
    }
    assertThat(net.ledger.lptBalance(SystemAccounts.TREASURY)).isPositive();
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void inflationMovesTowardTheTargetBondingRate() {
    NetworkParameters params = TestNet.simple().with(NetworkParameter.INFLATION_CHANGE, 1000);
    // 1,000 bonded of about 101,000 LPT: far below the 50% target, so inflation rises by 1000 ppb a round.
    TestNet low = network(params, new EthAddress[] {a}, new long[] {1000});
    BigInteger before = low.ledger.issuance().inflation();
    low.nextRound();
    IssuanceInfo rising = low.ledger.issuance();
    assertThat(rising.inflation()).isEqualTo(before.add(BigInteger.valueOf(1000)));
    assertThat(rising.mintableTokens()).isEqualTo(rising.totalSupply().multiply(rising.inflation()).divide(BigInteger.valueOf(1_000_000_000)));

    // 150,000 bonded of 250,000: above target, so it falls, and never below zero.
    TestNet high = network(params, new EthAddress[] {a}, new long[] {150_000});
    before = high.ledger.issuance().inflation();
    high.nextRound();
    assertThat(high.ledger.issuance().inflation()).isEqualTo(before.subtract(BigInteger.valueOf(1000)));
    TestNet floor = network(params.with(NetworkParameter.INFLATION, 400), new EthAddress[] {a}, new long[] {150_000});
    assertThat(floor.ledger.issuance().inflation()).isEqualTo(BigInteger.valueOf(400));
    floor.nextRound();
    assertThat(floor.ledger.issuance().inflation()).isZero();
    assertThat(floor.ledger.issuance().mintableTokens()).isZero();
  }

  @Test
  void theTreasuryCutStopsFromTheRoundAfterItsBalanceReachesTheCeiling() {
    NetworkParameters params = TestNet.simple()
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, new BigInteger("100000000000000000000000000"))
        .with(NetworkParameter.TREASURY_BALANCE_CEILING, lpt(5));
    TestNet net = network(params, new EthAddress[] {a}, new long[] {1000});
    assertThat(net.ledger.reward(a).treasury()).isPositive();
    net.nextRound();
    // The balance is now above the ceiling: this round still pays its cut, the next does not.
    assertThat(net.ledger.reward(a).treasury()).isPositive();
    net.nextRound();
    assertThat(net.ledger.issuance().treasuryRewardCutRate()).isZero();
    assertThat(net.ledger.reward(a).treasury()).isZero();
  }

  @Test
  void withWorkWeightingNoVerifiedWorkEarnsNothing() {
    TestNet net = network(TestNet.simple().with(NetworkParameter.WORK_ALPHA, 500_000), new EthAddress[] {a, b}, new long[] {1000, 1000});
    net.work(a, 3, 1_000_000);
    net.nextRound();
    assertThat(net.ledger.issuance().totalWork()).isEqualTo(BigInteger.valueOf(3_000_000));
    assertThat(net.ledger.reward(b).minted()).isZero();
    assertThat(net.ledger.reward(a).minted()).isPositive();
    // Rewarding with nothing minted still records the round, as in Livepeer.
    assertThat(net.ledger.transcoder(b).lastRewardRound()).isEqualTo(net.round());
  }

  @Test
  void equalStakeTwiceTheWorkEarnsByTheFormulaUntilGovernanceSetsAlphaToZero() {
    NetworkParameters params = TestNet.simple().with(NetworkParameter.WORK_ALPHA, 500_000).with(NetworkParameter.VOTING_PERIOD, 2);
    TestNet net = network(params, new EthAddress[] {a, b}, new long[] {1000, 1000});
    for (int round = 0; round < 5; round++) {
      net.work(a, 20, 1_000_000);
      net.work(b, 10, 1_000_000);
      net.nextRound();
      IssuanceInfo issuance = net.ledger.issuance();
      BigInteger stakeA = net.roundStake(a);
      BigInteger stakeB = net.roundStake(b);
      BigInteger mintedA = net.ledger.reward(a).minted();
      BigInteger mintedB = net.ledger.reward(b).minted();
      // α = 1/2: floor(1e9·√((s/S)(v/V))) = isqrt(floor(1e18·s·v/(S·V))), an exact integer oracle.
      assertThat(mintedA).isEqualTo(PPB.of(issuance.mintableTokens(), sqrtShare(stakeA, issuance.totalActiveStake(), 20, 30)));
      assertThat(mintedB).isEqualTo(PPB.of(issuance.mintableTokens(), sqrtShare(stakeB, issuance.totalActiveStake(), 10, 30)));
      if (round == 0) {
        // Equal stakes, work 2:1: shares √(1/3) and √(1/6), so √2 : 1, and 1.4% of issuance is not minted.
        assertThat(mintedA.doubleValue() / mintedB.doubleValue()).isCloseTo(Math.sqrt(2), within(1e-6));
        double minted = mintedA.add(mintedB).doubleValue() / issuance.mintableTokens().doubleValue();
        assertThat(minted).isCloseTo(Math.sqrt(1 / 3.0) + Math.sqrt(1 / 6.0), within(1e-6));
      }
    }

    long id = net.ledger.propose(a, List.of(ParameterChange.of(NetworkParameter.WORK_ALPHA, 0)), "back to stake-only issuance");
    net.advanceRounds(2);
    assertThat(net.ledger.proposal(id).state()).isEqualTo(ProposalState.ACTIVE);
    net.ledger.castVote(a, id, VoteType.FOR);
    net.ledger.castVote(b, id, VoteType.FOR);
    net.advanceRounds(2);
    assertThat(net.ledger.proposal(id).state()).isEqualTo(ProposalState.SUCCEEDED);
    net.ledger.execute(id);
    assertThat(net.ledger.parameters().workAlpha()).isEqualTo(500_000);

    net.work(a, 20, 1_000_000);
    net.work(b, 10, 1_000_000);
    net.nextRound();
    assertThat(net.ledger.parameters().workAlpha()).isZero();
    IssuanceInfo issuance = net.ledger.issuance();
    for (EthAddress t : new EthAddress[] {a, b}) {
      BigInteger stake = net.roundStake(t);
      assertThat(net.ledger.reward(t).minted()).isEqualTo(PPB.of(issuance.mintableTokens(), stake, issuance.totalActiveStake()));
    }
    assertThat(net.ledger.audit()).isEmpty();
  }

  private static BigInteger sqrtShare(BigInteger stake, BigInteger totalStake, long work, long totalWork) {
    BigInteger x = BigInteger.TEN.pow(18).multiply(stake).multiply(BigInteger.valueOf(work))
        .divide(totalStake.multiply(BigInteger.valueOf(totalWork)));
    return x.sqrt();
  }
}
