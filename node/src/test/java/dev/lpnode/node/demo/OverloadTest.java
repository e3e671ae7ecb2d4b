package dev.lpnode.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.node.GatewayRole;
import dev.lpnode.node.LivepeerNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More publishers than the machine can transcode in real time: with {@code -maxSessions auto} (the
 * default) the node admits what its start-up test measured, refuses the rest at once, and the streams
 * it admitted lose no segment.
 */
class OverloadTest {
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void streamsBeyondRealTimeCapacityAreRefusedAndTheAdmittedOnesLoseNothing() throws Exception {
    int cli = freePort();
    LivepeerNode node = LivepeerNode.start(Demo.config(List.of("-dataDir", dir.toString(),
        "-serviceAddr", "127.0.0.1:" + freePort(), "-httpAddr", "127.0.0.1:" + freePort(),
        "-rtmpAddr", "127.0.0.1:" + freePort(), "-cliAddr", "127.0.0.1:" + cli, "-blockTime", "1s")));
    List<SamplePublisher> publishers = new ArrayList<>();
    try {
      HttpClient client = HttpClient.newHttpClient();
      String status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cli + "/status")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      int capacity = new ObjectMapper().readTree(status).path("MaxSessions").asInt();
      assertThat(capacity).as("measured at start").isPositive();

      GatewayRole gateway = node.gateway().orElseThrow();
      Path sample = Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"); // 720p, one keyframe per 1.77 s loop
      String rtmp = "rtmp://127.0.0.1:" + gateway.server().rtmpPort() + "/live/";
      for (int i = 0; i < capacity; i++) {
        publishers.add(new SamplePublisher(sample, rtmp + "admitted" + i));
      }
      awaitUntil(() -> gateway.server().streams().live() == capacity);
      for (int i = 0; i < 2; i++) {
        publishers.add(new SamplePublisher(sample, rtmp + "extra" + i));
      }

      GatewayMetrics metrics = gateway.processor().metrics();
      long wanted = 4L * capacity;
      awaitUntil(() -> metrics.totals().transcoded() >= wanted);
      assertThat(gateway.server().streams().live()).as("the extra publishers were refused").isEqualTo(capacity);
      assertThat(metrics.totals().failed()).as(Demo.statusLine(gateway.server(), metrics)).isZero();
    } finally {
      for (SamplePublisher publisher : publishers) {
        publisher.close();
      }
      node.stop(Duration.ofSeconds(5));
    }
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
