package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ConfigLoader;
import dev.lpnode.node.api.RawHttp;
import dev.lpnode.orchestrator.badge.SignedBadge;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stake unlocks, as a real orchestrator on the embedded network shows it on its operator API:
 * its signed badge in {@code /status}, and each account's ladder limit in {@code /ledgerStatus}
 * ({@code ./lpnode cli status}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StakeUnlocksNodeTest {
  private static final String UNSTAKED = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

  private LivepeerNode node;
  private int cli;

  @BeforeAll
  void start(@TempDir Path dir) {
    node = LivepeerNode.start(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder", "-dataDir",
        dir.resolve("node").toString(), "-serviceAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0", "-transcodingOptions",
        "P144p30fps16x9", "-reward=false", "-maxRenditions", "4"}, Map.of()));
    cli = node.cliPort();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.stop(Duration.ofSeconds(5));
    }
  }

  private JsonObject read(String path) throws IOException {
    RawHttp.Reply reply = RawHttp.send(cli, "GET", path, Map.of(), "");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return new JsonObject(reply.body());
  }

  @Test
  void statusShowsTheOrchestratorsBadgeSignedByItsOwnKey() throws IOException {
    JsonObject status = read("/status");
    JsonObject badge = status.getJsonObject("Badge");
    assertThat(badge).as(status.encode()).isNotNull();
    assertThat(badge.getString("Orchestrator")).isEqualTo(status.getString("OrchestratorAddress"));
    assertThat(badge.getInteger("Tier")).as("the genesis stake of 1000 LPT").isEqualTo(2);
    assertThat(badge.getString("Stake")).isEqualTo("1000000000000000000000");
    assertThat(badge.getLong("VerifiedSegments")).isZero();
    assertThat(badge.getLong("Round")).isEqualTo(read("/ledgerStatus").getJsonObject("round").getLong("round"));
    assertThat(SignedBadge.fromJson(badge).authentic()).isTrue();
    assertThat(SignedBadge.fromJson(badge.copy().put("Tier", 3)).authentic()).isFalse();
  }

  @Test
  void cliStatusListsWhatEachAccountsTierUnlocks() throws IOException {
    JsonObject own = read("/ledgerStatus").getJsonObject("stakeTier");
    assertThat(own.getInteger("tier")).isEqualTo(2);
    assertThat(own.getInteger("maxRenditions")).as("tier 2: the engine's limit").isEqualTo(10);
    assertThat(own.getBoolean("priorityAdmission")).as("priorityReserve is 0").isFalse();

    JsonObject unstaked = read("/ledgerStatus?account=" + UNSTAKED).getJsonObject("stakeTier");
    assertThat(unstaked.getInteger("tier")).isZero();
    assertThat(unstaked.getInteger("maxRenditions")).as("the governed -maxRenditions").isEqualTo(4);
  }
}
