package dev.lpnode.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.NodeConfig;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.node.FreePort;
import dev.lpnode.node.GatewayRole;
import dev.lpnode.node.LivepeerNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./lpnode demo} runs: a combined node (gateway, orchestrator, transcoder) on the
 * embedded network, its gateway account funded, fed over RTMP by the in-process publisher; its
 * segments are transcoded by its own orchestrator and paid for with real tickets.
 */
class CombinedNodeTest {
  @TempDir Path dir;

  @Test
  void theCombinedNodeTranscodesWhatIsPublishedToItAndPaysWithTickets() throws Exception {
    int http = FreePort.next();
    int cli = FreePort.next();
    NodeConfig config = Demo.config(List.of("-dataDir", dir.toString(), "-serviceAddr", "127.0.0.1:" + FreePort.next(),
        "-httpAddr", "127.0.0.1:" + http, "-rtmpAddr", "127.0.0.1:" + FreePort.next(), "-cliAddr", "127.0.0.1:" + cli,
        "-transcodingOptions", "P144p30fps16x9", "-blockTime", "1s"));
    LivepeerNode node = LivepeerNode.start(config);
    Path sample = Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"); // one keyframe per 1.77 s loop
    try (SamplePublisher publisher = new SamplePublisher(sample,
        "rtmp://127.0.0.1:" + node.gateway().orElseThrow().server().rtmpPort() + "/live/" + Demo.STREAM)) {
      GatewayRole gateway = node.gateway().orElseThrow();
      GatewayMetrics metrics = gateway.processor().metrics();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (metrics.totals().transcoded() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      GatewayMetrics.Totals totals = metrics.totals();
      assertThat(totals.transcoded()).as(Demo.statusLine(gateway.server(), metrics)).isGreaterThanOrEqualTo(2);
      assertThat(totals.failed()).isZero();
      assertThat(totals.ticketsSent()).isPositive();
      assertThat(Demo.statusLine(gateway.server(), metrics)).matches(
          "segments in \\d+ \\| transcoded \\d+ \\| failed 0 \\| latency \\d+\\.\\d\\d s \\(median, received -> listed\\)"
              + " \\| tickets sent \\d+ \\| paid \\d+\\.\\d{3} gwei");

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String playlist = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/stream/demo/P144p30fps16x9.m3u8"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(playlist).contains("P144p30fps16x9/0.ts", "P144p30fps16x9/1.ts");
      String scrape = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cli + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(scrape).contains("livepeer_segment_transcoded_total{node_id=", "node_type=\"bctr\"", "node_type=\"orch\"",
          "livepeer_tickets_sent_total", "livepeer_ticket_value_recv_total");
      String weights = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cli + "/routingWeights")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(weights).as("the node's own orchestrator is active and weighs everything").contains("\"weight\" : 1.0");
    } finally {
      node.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void theSampleIsFoundInTheCheckout() {
    assertThat(Demo.locateSample()).hasValueSatisfying(p -> assertThat(p).endsWith(Path.of("testdata", "bad-cuvid.ts")));
  }
}
