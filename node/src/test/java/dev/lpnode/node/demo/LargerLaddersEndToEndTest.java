package dev.lpnode.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.node.FreePort;
import dev.lpnode.node.LivepeerNode;
import dev.lpnode.node.api.RawHttp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Larger ladders as a gateway operator meets them: a combined node whose account (1000 LPT, tier 1)
 * is below the governed {@code -tier2Stake} has its two-rendition ladder refused by its orchestrator
 * ({@code -maxRenditions 1}) with the reason in the gateway's log; once it bonds the faucet's LPT and
 * reaches tier 2, the same stream is transcoded.
 */
class LargerLaddersEndToEndTest {
  private static final String REFUSAL = "ladder of 2 renditions refused: a gateway of stake tier 1 may ask for 1 per segment; "
      + "stake tier 2 (1005 LPT staked) allows 10";

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @Test
  void aGatewayBelowTierTwoIsToldWhyItsLadderIsRefusedAndIsServedOnceItStakesEnough() throws Exception {
    int cli = FreePort.next();
    NodeConfig config = Demo.config(List.of("-dataDir", dir.toString(), "-serviceAddr", "127.0.0.1:" + FreePort.next(),
        "-httpAddr", "127.0.0.1:" + FreePort.next(), "-rtmpAddr", "127.0.0.1:" + FreePort.next(), "-cliAddr", "127.0.0.1:" + cli,
        "-transcodingOptions", "P144p30fps16x9,P240p30fps16x9", "-blockTime", "1s", "-maxRenditions", "1",
        "-tier2Stake", "1005e18"));
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    LivepeerNode node = LivepeerNode.start(config);
    Path sample = Path.of(System.getProperty("lpnode.testdata"), "transmux.ts");
    try (SamplePublisher publisher = new SamplePublisher(sample,
        "rtmp://127.0.0.1:" + node.gateway().orElseThrow().server().rtmpPort() + "/live/" + Demo.STREAM)) {
      GatewayMetrics metrics = node.gateway().orElseThrow().processor().metrics();
      waitFor(() -> metrics.totals().failed() >= 1, 60);
      assertThat(metrics.totals().transcoded()).isZero();
      assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(REFUSAL));
      JsonObject tier = stakeTier(cli);
      assertThat(tier.getInteger("tier")).isEqualTo(1);
      assertThat(tier.getInteger("maxRenditions")).isEqualTo(1);

      assertThat(RawHttp.formFromLivepeerCli(cli, "/faucet", "").status()).isEqualTo(200);
      String self = stakeTierStatus(cli).getString("account");
      RawHttp.Reply bond = RawHttp.formFromLivepeerCli(cli, "/bond", "amount=10000000000000000000&toAddr=" + self);
      assertThat(bond.status()).as(bond.body()).isEqualTo(200);
      assertThat(stakeTier(cli).getInteger("maxRenditions")).isEqualTo(10);

      waitFor(() -> metrics.totals().transcoded() >= 1, 90);
      assertThat(metrics.totals().transcoded()).as(Demo.statusLine(node.gateway().orElseThrow().server(), metrics))
          .isGreaterThanOrEqualTo(1);
    } finally {
      root.detachAppender(log);
      node.stop(Duration.ofSeconds(5));
    }
  }

  private static JsonObject stakeTierStatus(int cli) throws Exception {
    RawHttp.Reply reply = RawHttp.send(cli, "GET", "/ledgerStatus", Map.of(), "");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return new JsonObject(reply.body());
  }

  private static JsonObject stakeTier(int cli) throws Exception {
    return stakeTierStatus(cli).getJsonObject("stakeTier");
  }

  private static void waitFor(BooleanSupplier condition, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }
}
