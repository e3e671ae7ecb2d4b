package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.PercMath.PPB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.IssuanceInfo;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.rules.Workload.Action;
import dev.lpnode.ledger.rules.Workload.Kind;
import dev.lpnode.ledger.rules.Workload.Outcome;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of every ledger operation across many rounds, under random parameters.
 *
 * <p>Always: the books balance exactly (the LPT supply is the sum of balances and of what was
 * created minus burned, the ETH in the network is what fees brought in), nothing claimable exceeds
 * what the Minter holds, the structural invariants of {@link LedgerAudit} hold, and a reverted
 * operation changes nothing.
 *
 * <p>Livepeer's claiming has one way to leave earnings unclaimable on purpose: a claim in a round
 * (every bond, unbond, rebond, transfer and fee withdrawal claims first) fixes the delegator's start
 * factors at that round's end, so reward and fees credited later in the same round do not reach its
 * old stake. The second property orders each round's earnings before the delegators' operations;
 * then the Minter keeps nothing beyond a few wei of rounding per operation.
 */
class ConservationPropertiesTest {
  /** Rounding can leave at most this much dust per committed operation (a few floors per account). */
  private static final BigInteger DUST_PER_OPERATION = BigInteger.valueOf(2L * (Workload.ACCOUNTS + 2));
  private static final int ISSUANCE_TRANSCODERS = 4;

  @Provide
  Arbitrary<NetworkParameters> parameters() {
    Arbitrary<Long> alpha = anyAlpha();
    Arbitrary<Long> treasury = treasuryCut();
    Arbitrary<Long> slash = Arbitraries.of(0L, 1L, 50_000L, 1_000_000L);
    Arbitrary<Integer> activeSet = Arbitraries.integers().between(1, 4);
    Arbitrary<Long> unbonding = Arbitraries.longs().between(0, 3);
    Arbitrary<Long> inflation = Arbitraries.of(0L, 218_500L, 5_000_000L, 70_000_000L);
    Arbitrary<Long> metric = Arbitraries.of(0L, 1L);
    return Combinators.combine(alpha, treasury, slash, activeSet, unbonding, inflation, metric).as((a, t, s, n, u, i, m) -> TestNet.simple()
        .with(NetworkParameter.ROUND_LENGTH, 10)
        .with(NetworkParameter.WORK_ALPHA, a)
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, BigInteger.valueOf(t).multiply(BigInteger.TEN.pow(21)))
        .with(NetworkParameter.TREASURY_BALANCE_CEILING, TestNet.lpt(50))
        .with(NetworkParameter.SLASH_AMOUNT, s)
        .with(NetworkParameter.NUM_ACTIVE_TRANSCODERS, n)
        .with(NetworkParameter.UNBONDING_PERIOD, u)
        .with(NetworkParameter.INFLATION, i)
        .with(NetworkParameter.INFLATION_CHANGE, 3_000)
        .with(NetworkParameter.WORK_METRIC, m));
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Kind> kind = Arbitraries.frequency(
        Tuple.of(4, Kind.BOND), Tuple.of(3, Kind.UNBOND), Tuple.of(2, Kind.REBOND), Tuple.of(1, Kind.REBOND_FROM_UNBONDED),
        Tuple.of(2, Kind.WITHDRAW_STAKE), Tuple.of(2, Kind.TRANSFER_BOND), Tuple.of(2, Kind.REGISTER), Tuple.of(5, Kind.REWARD),
        Tuple.of(4, Kind.FEES), Tuple.of(3, Kind.CLAIM), Tuple.of(2, Kind.WITHDRAW_FEES), Tuple.of(1, Kind.SLASH),
        Tuple.of(4, Kind.WORK), Tuple.of(1, Kind.FAILED_WORK), Tuple.of(1, Kind.MINT), Tuple.of(4, Kind.NEXT_ROUND));
    Arbitrary<Integer> account = Arbitraries.integers().between(0, Workload.ACCOUNTS - 1);
    Arbitrary<Integer> amount = Arbitraries.integers().between(1, 5000);
    return Combinators.combine(kind, account, account, amount).as(Action::new).list().ofMinSize(20).ofMaxSize(150);
  }

  @Property(tries = 60)
  void theBooksAlwaysBalance(@ForAll("parameters") NetworkParameters params, @ForAll("actions") List<Action> actions) {
    run(params, actions, false);
  }

  @Property(tries = 60)
  void onlyRoundingDustIsLeftWhenEarningsComeFirstInARound(@ForAll("parameters") NetworkParameters params, @ForAll("actions") List<Action> actions) {
    run(params, earningsFirst(actions), true);
  }

  /** One round of the issuance property: work per transcoder (pixels) and whether it calls reward. */
  record IssuanceRound(List<Long> work, List<Boolean> calls) {}

  @Provide
  Arbitrary<List<IssuanceRound>> issuanceRounds() {
    Arbitrary<Long> work = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 5_000_000));
    Arbitrary<Boolean> calls = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
    return Combinators.combine(work.list().ofSize(ISSUANCE_TRANSCODERS), calls.list().ofSize(ISSUANCE_TRANSCODERS))
        .as(IssuanceRound::new).list().ofMinSize(1).ofMaxSize(6);
  }

  /**
   * Every round: what reward calls mint, plus what the treasury receives (its cut and, with α &gt; 0,
   * the unearned share), plus what the transcoders that skipped reward would have minted, is the
   * Minter's mintable tokens to the wei. At α = 0 (or with no treasury cut) the treasury receives its
   * cut only, as in Livepeer.
   */
  @Property(tries = 40)
  void issuanceIsTheMintableTokensToTheWei(@ForAll("anyAlpha") long alpha, @ForAll("treasuryCut") long cut,
      @ForAll("stakes") List<Integer> stakes, @ForAll("issuanceRounds") List<IssuanceRound> rounds) {
    TestNet net = new TestNet(TestNet.simple().with(NetworkParameter.WORK_ALPHA, alpha)
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, BigInteger.valueOf(cut).multiply(BigInteger.TEN.pow(21))));
    List<EthAddress> ts = new ArrayList<>();
    for (int i = 0; i < ISSUANCE_TRANSCODERS; i++) {
      EthAddress t = TestNet.account(i);
      BigInteger stake = TestNet.lpt(stakes.get(i)).add(BigInteger.valueOf(stakes.get(i) % 7));
      net.ledger.mintLpt(t, stake.add(TestNet.lpt(3 * stakes.get(i))));
      net.ledger.bond(t, stake, t);
      net.ledger.registerTranscoder(t, (stakes.get(i) * 211L) % 1_000_001, 100_000);
      ts.add(t);
    }
    net.nextRound();
    for (IssuanceRound round : rounds) {
      for (int i = 0; i < ISSUANCE_TRANSCODERS; i++) {
        if (round.work().get(i) > 0) {
          net.work(ts.get(i), 1, round.work().get(i));
        }
      }
      BigInteger treasuryBefore = net.ledger.lptBalance(SystemAccounts.TREASURY);
      net.nextRound();
      IssuanceInfo issuance = net.ledger.issuance();
      BigInteger totalWork = round.work().stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
      assertThat(issuance.totalWork()).isEqualTo(totalWork);
      BigInteger rewards = BigInteger.ZERO;
      BigInteger cuts = BigInteger.ZERO;
      BigInteger skipped = BigInteger.ZERO;
      for (int i = 0; i < ISSUANCE_TRANSCODERS; i++) {
        BigInteger share = WorkWeight.points(net.roundStake(ts.get(i)), issuance.totalActiveStake(),
            BigInteger.valueOf(round.work().get(i)), totalWork, alpha);
        if (round.calls().get(i)) {
          RewardResult r = net.ledger.reward(ts.get(i));
          assertThat(r.sharePoints()).isEqualTo(share);
          rewards = rewards.add(r.rewards());
          cuts = cuts.add(r.treasury());
        } else {
          skipped = skipped.add(PPB.of(issuance.mintableTokens(), share));
        }
      }
      BigInteger toTreasury = net.ledger.lptBalance(SystemAccounts.TREASURY).subtract(treasuryBefore);
      if (alpha == 0 || cut == 0) {
        assertThat(toTreasury).isEqualTo(cuts);
        assertThat(rewards.add(cuts).add(skipped)).isLessThanOrEqualTo(issuance.mintableTokens());
      } else {
        assertThat(rewards.add(toTreasury).add(skipped)).isEqualTo(issuance.mintableTokens());
      }
      assertThat(net.ledger.issuance().mintedTokens()).isEqualTo(rewards.add(toTreasury));
      assertThat(net.ledger.audit()).isEmpty();
    }
  }

  @Provide
  Arbitrary<Long> anyAlpha() {
    return Arbitraries.oneOf(Arbitraries.of(0L, 500_000L, 1_000_000L), Arbitraries.longs().between(0, 1_000_000));
  }

  @Provide
  Arbitrary<Long> treasuryCut() {
    return Arbitraries.of(0L, 100_000L, 333_333L);
  }

  @Provide
  Arbitrary<List<Integer>> stakes() {
    return Arbitraries.integers().between(1, 50_000).list().ofSize(ISSUANCE_TRANSCODERS);
  }

  /** Within each round (between NEXT_ROUND actions), moves rewards and fees ahead of everything else. */
  private static List<Action> earningsFirst(List<Action> actions) {
    List<Action> ordered = new ArrayList<>();
    List<Action> round = new ArrayList<>();
    for (Action a : actions) {
      round.add(a);
      if (a.kind() == Kind.NEXT_ROUND) {
        ordered.addAll(sortRound(round));
        round.clear();
      }
    }
    ordered.addAll(sortRound(round));
    return ordered;
  }

  private static List<Action> sortRound(List<Action> round) {
    List<Action> sorted = new ArrayList<>(round);
    sorted.sort(Comparator.comparingInt(a -> switch (a.kind()) {
      case REWARD, FEES, WORK, FAILED_WORK, MINT -> 0;
      case NEXT_ROUND -> 2;
      default -> 1;
    }));
    return sorted;
  }

  private static void run(NetworkParameters params, List<Action> actions, boolean checkDust) {
    TestNet net = new TestNet(params, Workload.PROVING);
    Workload workload = new Workload(net.ledger, net::nextRound);
    BigInteger supply = workload.setUp();
    BigInteger ethIn = BigInteger.ZERO;
    long committed = 0;
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      Map<String, String> before = net.store.snapshot();
      Outcome outcome = workload.apply(action);
      String step = "step " + i + " " + action;
      if (!outcome.committed()) {
        assertThat(net.store.snapshot()).as("a reverted %s changes nothing", step).isEqualTo(before);
        continue;
      }
      committed++;
      supply = supply.add(outcome.lptCreated()).subtract(outcome.lptBurned());
      ethIn = ethIn.add(outcome.ethIn());

      assertThat(net.ledger.audit()).as(step).isEmpty();
      assertThat(net.ledger.issuance().totalSupply()).as(step).isEqualTo(supply);
      BigInteger eth = net.ledger.ethBalance(SystemAccounts.MINTER);
      for (int a = 0; a < Workload.ACCOUNTS; a++) {
        eth = eth.add(net.ledger.ethBalance(Workload.account(a)));
      }
      assertThat(eth).as(step).isEqualTo(ethIn);
      if (checkDust) {
        LedgerAudit.Custody custody = net.custody();
        BigInteger bound = DUST_PER_OPERATION.multiply(BigInteger.valueOf(committed));
        assertThat(custody.lptHeld().subtract(custody.lptClaimable())).as(step).isBetween(BigInteger.ZERO, bound);
        assertThat(custody.ethHeld().subtract(custody.ethClaimable())).as(step).isBetween(BigInteger.ZERO, bound);
      }
    }
  }
}
