package dev.lpnode.ledger.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.RewardResult;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names operators graph, as Prometheus scrapes them. */
class LedgerMetricsTest {
  private static final BigInteger LPT = BigInteger.TEN.pow(18);

  @Test
  void scrapesLivepeerNamesTaggedAsAnOrchestrator() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LedgerMetrics metrics = new LedgerMetrics(registry);
    EthAddress gateway = EthAddress.ofNumber(0x6a7e);
    metrics.update(new LedgerMetrics.Snapshot(7, LPT.multiply(BigInteger.valueOf(3000)), LPT.multiply(BigInteger.valueOf(1000)), true,
        Map.of(gateway, new SenderInfo(LPT, 0, LPT.multiply(BigInteger.TWO), BigInteger.ZERO))));
    metrics.rewardCalled(new RewardResult(BigInteger.ONE, LPT.multiply(BigInteger.valueOf(5)), BigInteger.ZERO, LPT.multiply(BigInteger.valueOf(5))));
    metrics.rewardFailed();
    metrics.ticketRedeemed(BigInteger.valueOf(3_000_000_000L));
    metrics.redemptionFailed();

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("livepeer_current_round{node_type=\"orch\"} 7.0")
        .contains("livepeer_total_bonded{node_type=\"orch\"} 3000.0")
        .contains("livepeer_orchestrator_stake{node_type=\"orch\"} 1000.0")
        .contains("livepeer_orchestrator_active{node_type=\"orch\"} 1.0")
        .contains("livepeer_reward_minted_total{node_type=\"orch\"} 5.0")
        .contains("livepeer_reward_call_errors_total{node_type=\"orch\"} 1.0")
        .contains("livepeer_value_redeemed_total{node_type=\"orch\"} 3.0")
        .contains("livepeer_ticket_redemption_errors_total{node_type=\"orch\"} 1.0")
        .contains("livepeer_gateway_deposit{node_type=\"orch\",sender=\"" + gateway.toHex() + "\"} 1.0E9")
        .contains("livepeer_gateway_reserve{node_type=\"orch\",sender=\"" + gateway.toHex() + "\"} 2.0E9");

    metrics.update(new LedgerMetrics.Snapshot(8, BigInteger.ZERO, BigInteger.ZERO, false, Map.of()));
    assertThat(registry.scrape()).contains("livepeer_current_round{node_type=\"orch\"} 8.0")
        .contains("livepeer_gateway_deposit{node_type=\"orch\",sender=\"" + gateway.toHex() + "\"} 0.0");
  }
}
