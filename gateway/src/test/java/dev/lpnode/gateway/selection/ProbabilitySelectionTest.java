package dev.lpnode.gateway.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lpnode.gateway.selection.ProbabilitySelection.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbabilitySelectionTest {
  private final ProbabilitySelection defaults = new ProbabilitySelection(SelectionWeights.DEFAULT);

  @Test
  void stakeSharesCountSevenTenthsAndUniformChanceThreeTenths() {
    double[] p = defaults.probabilities(List.of(new Candidate(3, 0), new Candidate(1, 0)));
    assertThat(p[0]).isCloseTo(0.7 * 0.75 + 0.3 / 2, within(1e-12));
    assertThat(p[1]).isCloseTo(0.7 * 0.25 + 0.3 / 2, within(1e-12));
  }

  @Test
  void equalStakeIsUniform() {
    double[] p = defaults.probabilities(List.of(new Candidate(1, 0), new Candidate(1, 0), new Candidate(1, 0),
        new Candidate(1, 0)));
    for (double v : p) {
      assertThat(v).isCloseTo(0.25, within(1e-12));
    }
  }

  @Test
  void noStakeAtAllCountsAsUniformAndAZeroWeightStillGetsTheRandomShare() {
    double[] none = defaults.probabilities(List.of(new Candidate(0, 0), new Candidate(0, 0)));
    assertThat(none[0]).isCloseTo(0.5, within(1e-12));
    double[] oneActive = defaults.probabilities(List.of(new Candidate(5, 0), new Candidate(0, 0)));
    assertThat(oneActive[1]).isCloseTo(0.15, within(1e-12));
    assertThat(oneActive[0] + oneActive[1]).isCloseTo(1, within(1e-12));
  }

  @Test
  void priceWeightFavoursCheaperOrchestrators() {
    ProbabilitySelection priced = new ProbabilitySelection(new SelectionWeights(0, 1, 0));
    double[] p = priced.probabilities(List.of(new Candidate(1, 0), new Candidate(1, 100)));
    assertThat(p[0] / p[1]).isCloseTo(Math.E, within(1e-9));
  }

  @Test
  void selectionWalksTheCumulativeProbabilities() {
    List<Candidate> c = List.of(new Candidate(3, 0), new Candidate(1, 0)); // 0.675, 0.325
    assertThat(defaults.select(c, 0.0)).isZero();
    assertThat(defaults.select(c, 0.6749)).isZero();
    assertThat(defaults.select(c, 0.6751)).isEqualTo(1);
    assertThat(defaults.select(c, 0.9999999)).isEqualTo(1);
    assertThat(defaults.select(List.of(), 0.5)).isEqualTo(-1);
  }

  @Test
  void weightsMustSumToOne() {
    assertThatThrownBy(() -> new SelectionWeights(0.7, 0.1, 0.3)).hasMessageContaining("sum to 1");
    assertThatThrownBy(() -> new SelectionWeights(1.1, -0.1, 0)).hasMessageContaining("sum to 1");
  }
}
