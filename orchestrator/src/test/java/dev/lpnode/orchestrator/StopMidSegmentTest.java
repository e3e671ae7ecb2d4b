package dev.lpnode.orchestrator;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.net.OrchestratorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An orchestrator stopped while a segment transcodes: the segment ends as "orchestrator is stopping",
 * not as this node's failure (an ERROR with a stack trace and a failed record in its verified-work log).
 */
class StopMidSegmentTest {
  private static final Path TESTDATA = Path.of(System.getProperty("lpnode.testdata"));

  @Test
  void aSegmentInFlightWhenTheNodeStopsIsNobodysFault(@TempDir Path dir) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    OrchestratorHarness o = new OrchestratorHarness(dir, 4);
    GatewayClient gateway = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
    try {
      byte[] segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
      OrchestratorInfo info = gateway.getOrchestrator();
      SenderSession session = gateway.startSession(info);
      var ladder = LadderParser.parsePresets("P144p30fps16x9");
      CompletableFuture<Void> transcoded = o.transcoder.holdResults(); // its result arrives once the node has stopped
      CompletableFuture<Void> posted = CompletableFuture.runAsync(() -> {
        try {
          gateway.post(o.serviceUri, base64(gateway.segData(info, "s", 1, segment, 1770, ladder)),
              base64(gateway.payment(session, 3, info)), segment);
        } catch (Exception dropped) {
          // the stopping node closes the connection: expected
        }
      });
      transcoded.get(60, TimeUnit.SECONDS);
      o.node.stop(Duration.ZERO).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      o.transcoder.release();
      posted.get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (o.registry.find("livepeer.segment.transcode.failed").counter() == null && System.nanoTime() < deadline) {
        Thread.sleep(20); // polls for the segment's end, which has no other signal once its connection is gone
      }

      assertThat(o.registry.find("livepeer.segment.transcode.failed").tag("error_code", "orchestrator is stopping")
          .counter()).as("the segment's end, counted as the node stopping").isNotNull();
      assertThat(log.list).as("ERROR lines").noneMatch(e -> e.getLevel() == Level.ERROR);
      assertThat(o.work).as("failed records in the verified-work log").isEmpty();
    } finally {
      root.detachAppender(log);
      gateway.close();
      o.kill();
      o.close();
    }
  }
}
