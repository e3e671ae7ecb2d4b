package dev.lpnode.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.ticket.Rational;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gateway's metrics carry go-livepeer's names, as Prometheus shows them. */
class GatewayMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GatewayMetrics metrics = new GatewayMetrics(registry);

  @Test
  void countersAndGaugesUseLivepeerNamesForABroadcaster() {
    metrics.segmentEmerged();
    metrics.segmentTranscoded(Duration.ofMillis(1500), 2_000_000);
    metrics.ticketsSent(3, Rational.of(24_000_000_000L));
    metrics.paymentCreateError();
    metrics.orchestratorSwapped();
    metrics.discoveryError("https://o1:8935", "context deadline exceeded");
    metrics.submitted(Duration.ofMillis(20), Duration.ofMillis(900));
    metrics.downloaded(Duration.ofMillis(30));

    assertThat(registry.scrape()).contains(
        "livepeer_segment_source_emerged_total{node_type=\"bctr\"} 1.0",
        "livepeer_segment_transcoded_total{node_type=\"bctr\"} 1.0",
        "livepeer_transcode_overall_latency_seconds_sum{node_type=\"bctr\"} 1.5",
        "livepeer_tickets_sent_total{node_type=\"bctr\"} 3.0",
        "livepeer_ticket_value_sent_total{node_type=\"bctr\"} 24.0",
        "livepeer_payment_create_errors_total{node_type=\"bctr\"} 1.0",
        "livepeer_orchestrator_swaps_total{node_type=\"bctr\"} 1.0",
        "livepeer_discovery_errors_total{error_code=\"context deadline exceeded\",node_type=\"bctr\",orchestrator_uri=\"https://o1:8935\"} 1.0",
        "livepeer_mil_pixels_processed_total{node_type=\"bctr\"} 2.0",
        "livepeer_upload_time_seconds_count{node_type=\"bctr\"} 1",
        "livepeer_transcode_time_seconds_sum{node_type=\"bctr\"} 0.9",
        "livepeer_download_time_seconds_count{node_type=\"bctr\"} 1");
    GatewayMetrics.Totals totals = metrics.totals();
    assertThat(totals.ticketsSent()).isEqualTo(3);
    assertThat(totals.valueSentWei()).isEqualByComparingTo(new BigDecimal("24000000000"));
    assertThat(metrics.transcodeTimes().medianMicros()).isEqualTo(900_000);
  }

  @Test
  void theSuccessRateCoversTheLastHundredSegments() {
    assertThat(metrics.totals().successRate()).isEqualTo(1.0);
    for (int i = 0; i < 100; i++) {
      metrics.segmentFailed("OrchestratorBusy");
    }
    assertThat(metrics.totals().successRate()).isZero();
    for (int i = 0; i < 75; i++) {
      metrics.segmentTranscoded(Duration.ofMillis(500), 1);
    }
    assertThat(metrics.totals().successRate()).isEqualTo(0.75);
    assertThat(registry.scrape()).contains("livepeer_success_rate{node_type=\"bctr\"} 0.75",
        "livepeer_segment_transcode_failed_total{error_code=\"OrchestratorBusy\",node_type=\"bctr\"} 100.0");
  }
}
