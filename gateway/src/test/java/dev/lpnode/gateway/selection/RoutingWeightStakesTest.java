package dev.lpnode.gateway.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RoutingWeightStakesTest {
  private static final EthAddress A = EthAddress.ofNumber(0xA);
  private static final EthAddress B = EthAddress.ofNumber(0xB);

  private static RoutingWeight weight(EthAddress orchestrator, double stakeShare, double performance, double weight) {
    return new RoutingWeight(orchestrator, BigInteger.ONE, stakeShare, performance, 1, performance, weight);
  }

  @Test
  void verifiedWorkAndStakeTogetherDecideHowManyStreamsAnOrchestratorGets() {
    // Equal stake; A's verified work scores twice B's: the ledger routes 2/3 to A.
    AtomicReference<List<RoutingWeight>> ledger = new AtomicReference<>(List.of(
        weight(A, 0.5, 1.0, 2.0 / 3), weight(B, 0.5, 0.5, 1.0 / 3)));
    RoutingWeightStakes stakes = new RoutingWeightStakes(ledger::get);
    assertThat(stakes.weight(A)).as("nothing read yet").isZero();
    stakes.refresh();
    ProbabilitySelection selection = new ProbabilitySelection(SelectionWeights.DEFAULT);
    double[] p = selection.probabilities(List.of(new ProbabilitySelection.Candidate(stakes.weight(A), 0),
        new ProbabilitySelection.Candidate(stakes.weight(B), 0)));
    assertThat(p[0]).isCloseTo(0.7 * 2 / 3 + 0.15, within(1e-12));
    assertThat(p[1]).isCloseTo(0.7 / 3 + 0.15, within(1e-12));

    ledger.set(List.of(weight(A, 1.0, 1.0, 1.0)));
    stakes.refresh();
    assertThat(stakes.weight(B)).as("no longer active").isZero();
    assertThat(stakes.weight(null)).isZero();
  }
}
