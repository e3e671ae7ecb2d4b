package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.ledger.WorkTotals;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Routing weight: stake secures, verified performance qualifies. For each active orchestrator
 *
 * <pre>
 *   stakeShare   = stake / Σ stake
 *   successRate  = verified / (verified + failed)                       (Livepeer leaderboard)
 *   latencyScore = 1 − e^(−mediaDuration / transcodeTime)               (Livepeer leaderboard)
 *   weight       = stakeShare · successRate · latencyScore, normalized to sum to 1
 * </pre>
 *
 * over the verified work recorded in the routing window. The combination is a product, so no
 * amount of stake routes work to an orchestrator that fails verification, and an orchestrator
 * without data is not penalized (its scores are 1) until it has been measured. Weights only guide
 * selection, so doubles are fine here ({@link StrictMath} keeps them reproducible); issuance never
 * uses them.
 */
final class RoutingWeights {
  record Candidate(EthAddress orchestrator, BigInteger stake, WorkTotals work) {}

  private RoutingWeights() {}

  static List<RoutingWeight> compute(List<Candidate> candidates) {
    BigInteger totalStake = BigInteger.ZERO;
    for (Candidate c : candidates) {
      totalStake = totalStake.add(c.stake());
    }
    double[] raw = new double[candidates.size()];
    double rawSum = 0;
    List<RoutingWeight> unnormalized = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      double stakeShare = totalStake.signum() == 0 ? 0 : ratio(c.stake(), totalStake);
      double success = successRate(c.work());
      double latency = latencyScore(c.work());
      raw[i] = stakeShare * success * latency;
      rawSum += raw[i];
      unnormalized.add(new RoutingWeight(c.orchestrator(), c.stake(), stakeShare, success, latency, success * latency, 0));
    }
    List<RoutingWeight> result = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      RoutingWeight u = unnormalized.get(i);
      double weight = rawSum == 0 ? 0 : raw[i] / rawSum;
      result.add(new RoutingWeight(u.orchestrator(), u.stake(), u.stakeShare(), u.successRate(), u.latencyScore(), u.performanceScore(), weight));
    }
    return result;
  }

  static double successRate(WorkTotals w) {
    long attempted = w.verifiedSegments() + w.failedSegments();
    return attempted == 0 ? 1.0 : (double) w.verifiedSegments() / attempted;
  }

  static double latencyScore(WorkTotals w) {
    if (w.verifiedSegments() == 0 || w.transcodeMillis() == 0) {
      return 1.0;
    }
    return 1.0 - StrictMath.exp(-(double) w.mediaMillis() / w.transcodeMillis());
  }

  private static double ratio(BigInteger a, BigInteger b) {
    return new BigDecimal(a).divide(new BigDecimal(b), MathContext.DECIMAL64).doubleValue();
  }
}
