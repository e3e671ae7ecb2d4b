package dev.lpnode.gateway.selection;

import java.util.List;

/**
 * go-livepeer's ProbabilitySelectionAlgorithm: each candidate's probability is
 *
 * <pre>
 *   stakeWeight · stake/Σstake + priceWeight · e^(−price/100)/Σ e^(−price/100) + randWeight · 1/n
 * </pre>
 *
 * where stake is the {@link StakeWeights} weight and price is wei per pixel. One refinement: a term
 * whose sum is 0 (nobody has stake) counts as uniform, so probabilities always sum to 1.
 */
public final class ProbabilitySelection {
  /** go-livepeer's priceExpFactor. */
  static final double PRICE_EXP_FACTOR = 100;

  /** One candidate: its stake weight and price per pixel. */
  public record Candidate(double stake, double pricePerPixel) {}

  private final SelectionWeights weights;

  public ProbabilitySelection(SelectionWeights weights) {
    this.weights = weights;
  }

  /** The probability of each candidate, in order. */
  public double[] probabilities(List<Candidate> candidates) {
    int n = candidates.size();
    double stakeSum = 0;
    double priceSum = 0;
    double[] priceTerms = new double[n];
    for (int i = 0; i < n; i++) {
      stakeSum += candidates.get(i).stake();
      priceTerms[i] = Math.exp(-candidates.get(i).pricePerPixel() / PRICE_EXP_FACTOR);
      priceSum += priceTerms[i];
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      double stakeProb = stakeSum > 0 ? candidates.get(i).stake() / stakeSum : 1.0 / n;
      double priceProb = priceSum > 0 ? priceTerms[i] / priceSum : 1.0 / n;
      p[i] = weights.stake() * stakeProb + weights.price() * priceProb + weights.random() / n;
    }
    return p;
  }

  /**
   * The index chosen with {@code r} uniform in [0, 1): the first whose cumulative probability
   * exceeds r; -1 without candidates.
   */
  public int select(List<Candidate> candidates, double r) {
    if (candidates.isEmpty()) {
      return -1;
    }
    double[] p = probabilities(candidates);
    double total = 0;
    for (double v : p) {
      total += v;
    }
    double target = r * total;
    double cumulative = 0;
    for (int i = 0; i < p.length; i++) {
      cumulative += p[i];
      if (target < cumulative) {
        return i;
      }
    }
    return p.length - 1; // rounding at r close to 1
  }
}
