package dev.lpnode.ledger.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.rules.Workload.Action;
import dev.lpnode.ledger.rules.Workload.Kind;
import dev.lpnode.ledger.rules.Workload.Outcome;
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

  @Provide
  Arbitrary<NetworkParameters> parameters() {
    Arbitrary<Long> alpha = Arbitraries.oneOf(Arbitraries.of(0L, 500_000L, 1_000_000L), Arbitraries.longs().between(0, 1_000_000));
    Arbitrary<Long> treasury = Arbitraries.of(0L, 100_000L, 333_333L);
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
