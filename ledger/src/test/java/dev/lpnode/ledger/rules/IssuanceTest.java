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

  private static final BigInteger TEN_PERCENT = new BigInteger("100000000000000000000000000");

  private BigInteger treasury(TestNet net) {
    return net.ledger.lptBalance(SystemAccounts.TREASURY);
  }

  @Test
  void allWorkOnOneOfTwoEqualStakesSendsTheUnearned29PercentToTheTreasuryToTheWei() {
    NetworkParameters params = TestNet.simple().with(NetworkParameter.WORK_ALPHA, 500_000).with(NetworkParameter.TREASURY_REWARD_CUT_RATE, TEN_PERCENT);
    TestNet net = network(params, new EthAddress[] {a, b}, new long[] {1000, 1000});
    // Round 1 follows a round without verified work: no one earns, all of it goes to the treasury.
    assertThat(treasury(net)).isEqualTo(lpt(510)).isEqualTo(net.ledger.issuance().mintableTokens());

    net.work(a, 3, 1_000_000);
    BigInteger before = treasury(net);
    net.nextRound();
    IssuanceInfo issuance = net.ledger.issuance();
    BigInteger mintable = issuance.mintableTokens();
    assertThat(mintable).isEqualTo(new BigInteger("512550000000000000000")); // 102,510 LPT · 0.5%
    // a earns floor(1e9·√(1/2)) = 707106781 ppb, b nothing: 292893219 ppb of the round is unearned.
    BigInteger unearned = new BigInteger("150122419398450000000");
    assertThat(unearned).isEqualTo(mintable.subtract(PPB.of(mintable, BigInteger.valueOf(707_106_781))));
    assertThat(treasury(net).subtract(before)).isEqualTo(unearned);

    RewardResult rewardA = net.ledger.reward(a);
    RewardResult rewardB = net.ledger.reward(b);
    assertThat(rewardA.sharePoints()).isEqualTo(BigInteger.valueOf(707_106_781));
    assertThat(rewardA.minted()).isEqualTo(new BigInteger("362427580601550000000"));
    assertThat(rewardA.treasury()).isEqualTo(new BigInteger("36242758060155000000"));
    assertThat(rewardB.minted()).isZero();
    assertThat(rewardA.rewards().add(treasury(net).subtract(before))).isEqualTo(mintable);
    assertThat(net.ledger.issuance().mintedTokens()).isEqualTo(mintable);
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void aRewardNotCalledStaysUnmintedAsInLivepeerWhileTheUnearnedShareGoesToTheTreasury() {
    NetworkParameters params = TestNet.simple().with(NetworkParameter.WORK_ALPHA, 500_000).with(NetworkParameter.TREASURY_REWARD_CUT_RATE, TEN_PERCENT);
    TestNet net = network(params, new EthAddress[] {a, b}, new long[] {1000, 3000});
    net.work(a, 2, 1_000_000);
    net.work(b, 3, 1_000_000);
    BigInteger before = treasury(net);
    net.nextRound();
    IssuanceInfo issuance = net.ledger.issuance();
    BigInteger mintable = issuance.mintableTokens();
    BigInteger shareB = WorkWeight.points(net.roundStake(b), issuance.totalActiveStake(), BigInteger.valueOf(3_000_000), issuance.totalWork(), 500_000);
    BigInteger unearned = treasury(net).subtract(before);
    assertThat(unearned).isPositive(); // stake 1:3 against work 2:3

    RewardResult rewardA = net.ledger.reward(a); // b never calls reward this round
    net.nextRound();
    assertThat(rewardA.minted().add(PPB.of(mintable, shareB)).add(unearned)).isEqualTo(mintable);
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void theBalanceCeilingStopsTheUnearnedShareWithTheTreasuryCut() {
    NetworkParameters params = TestNet.simple().with(NetworkParameter.WORK_ALPHA, 500_000)
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, TEN_PERCENT).with(NetworkParameter.TREASURY_BALANCE_CEILING, lpt(5));
    TestNet net = network(params, new EthAddress[] {a, b}, new long[] {1000, 1000});
    assertThat(treasury(net)).isEqualTo(lpt(510)); // above the ceiling already: the round still pays, as Livepeer's cut
    net.ledger.reward(a); // sees the ceiling: the next round's cut is 0
    net.work(a, 3, 1_000_000);
    net.nextRound();
    assertThat(net.ledger.issuance().treasuryRewardCutRate()).isZero();
    assertThat(treasury(net)).isEqualTo(lpt(510));
    RewardResult rewardA = net.ledger.reward(a);
    assertThat(rewardA.treasury()).isZero();
    assertThat(net.ledger.issuance().mintedTokens()).isEqualTo(rewardA.minted()).isLessThan(net.ledger.issuance().mintableTokens());
  }

  @Test
  void atAlphaZeroNothingButTheCutGoesToTheTreasury() {
    NetworkParameters params = TestNet.simple().with(NetworkParameter.TREASURY_REWARD_CUT_RATE, TEN_PERCENT);
    TestNet net = network(params, new EthAddress[] {a, b, c}, new long[] {1000, 2345, 7777});
    assertThat(treasury(net)).isZero();
    BigInteger cuts = BigInteger.ZERO;
    for (EthAddress t : new EthAddress[] {a, b}) {
      cuts = cuts.add(net.ledger.reward(t).treasury());
    }
    net.nextRound();
    assertThat(treasury(net)).isEqualTo(cuts);
  }

  private static BigInteger sqrtShare(BigInteger stake, BigInteger totalStake, long work, long totalWork) {
    BigInteger x = BigInteger.TEN.pow(18).multiply(stake).multiply(BigInteger.valueOf(work))
        .divide(totalStake.multiply(BigInteger.valueOf(totalWork)));
    return x.sqrt();
  }
}
