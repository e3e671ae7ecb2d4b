package dev.lpnode.gateway.selection;

/**
 * How go-livepeer's probability selection mixes its three terms: stake ({@code
 * -selectStakeWeight}, 0.7), price ({@code -selectPriceWeight}, 0) and uniform randomness
 * ({@code -selectRandFreq}, 0.3). They must sum to 1.
 */
public record SelectionWeights(double stake, double price, double random) {
  public static final SelectionWeights DEFAULT = new SelectionWeights(0.7, 0, 0.3);

  public SelectionWeights {
    if (stake < 0 || price < 0 || random < 0 || Math.abs(stake + price + random - 1) > 1e-9) {
      throw new IllegalArgumentException("-selectStakeWeight, -selectPriceWeight and -selectRandFreq must be >= 0 and"
          + " sum to 1, got " + stake + " + " + price + " + " + random);
    }
  }
}
