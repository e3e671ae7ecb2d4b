package dev.lpnode.gateway.transcode;

import dev.lpnode.gateway.selection.SelectionWeights;
import dev.lpnode.gateway.selection.StakeWeights;
import java.util.Objects;

/**
 * How the gateway uses orchestrators.
 *
 * @param maxAttempts {@code -maxAttempts}: attempts per segment (go-livepeer: 3)
 * @param localVerify {@code -localVerify}: check rendition signatures and pixel counts
 * @param weights     {@code -selectStakeWeight}, {@code -selectPriceWeight}, {@code -selectRandFreq}
 * @param stakes      the stake term of selection (equal off chain, the ledger's routing weight on a network)
 * @param minVersion  {@code -orchMinLivepeerVersion}, empty for any
 */
public record TranscodeSettings(int maxAttempts, boolean localVerify, SelectionWeights weights, StakeWeights stakes,
    String minVersion) {
  /** go-livepeer's verification policy: a result that failed verification is retried this many times. */
  static final int VERIFICATION_RETRIES = 2;

  public TranscodeSettings {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(stakes, "stakes");
    Objects.requireNonNull(minVersion, "minVersion");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("-maxAttempts must be at least 1");
    }
  }

  /** go-livepeer's defaults, with local verification and equal stake. */
  public static TranscodeSettings defaults() {
    return new TranscodeSettings(3, true, SelectionWeights.DEFAULT, StakeWeights.EQUAL, "");
  }
}
