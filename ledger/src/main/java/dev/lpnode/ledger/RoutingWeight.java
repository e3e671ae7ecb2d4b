package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/**
 * How much work a gateway should route to an active orchestrator, and why. {@code weight} sums to
 * 1 over the active set; see {@code RoutingWeights} for the formula.
 *
 * @param stake the orchestrator's stake in the current round's snapshot
 * @param stakeShare stake / total active stake
 * @param successRate verified / (verified + failed) segments over the routing window; 1 without data
 * @param latencyScore {@code 1 − e^(−media duration / transcode time)} over the window; 1 without data
 * @param performanceScore successRate × latencyScore (Livepeer's leaderboard score)
 * @param weight stakeShare × performanceScore, normalized over the active set
 */
public record RoutingWeight(
    EthAddress orchestrator,
    BigInteger stake,
    double stakeShare,
    double successRate,
    double latencyScore,
    double performanceScore,
    double weight) {}
