package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.node.api.OperatorApiGuard;
import dev.lpnode.node.api.RawHttp;
import dev.lpnode.node.keys.NodeKeystore;
import dev.lpnode.storage.OwnerOnly;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, item 8, against a real node (orchestrator + transcoder on the embedded network): what a
 * web page the operator opens can do to its operator API, and who can read its data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeHardeningTest {
  private static final String GATEWAY = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  private Path dataDir;
  private LivepeerNode node;
  private int cli;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    dataDir = dir.resolve("node");
    node = LivepeerNode.start(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder", "-dataDir", dataDir.toString(),
        "-serviceAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0", "-transcodingOptions", "P144p30fps16x9",
        "-reward=false"}, Map.of()));
    cli = node.cliPort();
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    if (node != null) {
      node.stop(Duration.ofSeconds(5));
    }
  }

  private JsonObject read(String path) throws IOException {
    RawHttp.Reply reply = RawHttp.send(cli, "GET", path, Map.of(), "");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return new JsonObject(reply.body());
  }

  private int maxSessions() throws IOException {
    return read("/status").getInteger("MaxSessions");
  }

  private String bonded() throws IOException {
    return read("/ledgerStatus").getJsonObject("delegator").getString("bondedAmount");
  }

  @Test
  void aWebPageCannotChangeCapacityPriceOrStake() throws Exception {
    int capacity = maxSessions();
    String stake = bonded();

    // A <form> on any page, posted by the operator's browser.
    assertThat(RawHttp.formFromWebPage(cli, "/setMaxSessions", "maxSessions=1").status()).isEqualTo(403);
    assertThat(RawHttp.formFromWebPage(cli, "/setPriceForBroadcaster",
        "pricePerUnit=0&pixelsPerUnit=1&broadcasterEthAddr=" + GATEWAY).status()).isEqualTo(403);
    RawHttp.Reply unbond = RawHttp.formFromWebPage(cli, "/unbond", "amount=400000000000000000000");
    assertThat(unbond.status()).isEqualTo(403);
    assertThat(unbond.body()).contains("refused: a state change from a web page (Origin http://attacker.example)");

    // An <img> or a link: a plain GET.
    for (String path : List.of("/setMaxSessions?maxSessions=1",
        "/setPriceForBroadcaster?pricePerUnit=0&pixelsPerUnit=1&broadcasterEthAddr=" + GATEWAY, "/unbond?amount=1")) {
      assertThat(RawHttp.send(cli, "GET", path, Map.of("Sec-Fetch-Site", "cross-site"), "").status()).as(path).isEqualTo(405);
    }

    // DNS rebinding: the attacker's name resolves to 127.0.0.1, so the page is "same origin" with the port.
    Map<String, String> rebound = Map.of("Host", "attacker.example:" + cli);
    assertThat(RawHttp.send(cli, "POST", "/setMaxSessions", rebound, "maxSessions=1").status()).isEqualTo(403);
    assertThat(RawHttp.send(cli, "GET", "/ledgerStatus", rebound, "").status()).isEqualTo(403);

    assertThat(maxSessions()).isEqualTo(capacity);
    assertThat(bonded()).isEqualTo(stake);
    assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
        .startsWith("operator API: state change from a web page: POST /setMaxSessions from"));
  }

  @Test
  void livepeerCliAndTheTokenStillChangeState() throws Exception {
    RawHttp.Reply cliReply = RawHttp.formFromLivepeerCli(cli, "/setMaxSessions", "maxSessions=3");
    assertThat(cliReply).isEqualTo(new RawHttp.Reply(200, "Max sessions set to 3\n"));
    assertThat(maxSessions()).isEqualTo(3);

    String token = Files.readString(dataDir.resolve(OperatorApiGuard.TOKEN_FILE)).strip();
    RawHttp.Reply withToken = RawHttp.send(cli, "POST", "/setMaxSessions",
        Map.of("Origin", "http://tool.example", "Authorization", "Bearer " + token), "maxSessions=4");
    assertThat(withToken.status()).isEqualTo(200);
    assertThat(maxSessions()).isEqualTo(4);
  }

  @Test
  void onlyTheNodesUserCanReadItsKeysSecretsAndDatabases() throws Exception {
    assertThat(dataDir.resolve("ledger.sqlite3-wal")).exists();
    assertThat(dataDir.resolve("keystore")).isDirectory();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path path : files.toList()) {
        if (Files.isDirectory(path)) {
          assertThat(Files.getPosixFilePermissions(path)).as(path.toString()).isEqualTo(OwnerOnly.DIRECTORY);
        } else if (!path.getFileName().toString().equals("cert.pem")) {
          assertThat(Files.getPosixFilePermissions(path)).as(path.toString()).isEqualTo(OwnerOnly.FILE);
        }
      }
    }

    Path passwordFile = dataDir.resolve(NodeKeystore.PASSWORD_FILE);
    String password = Files.readString(passwordFile).strip();
    assertThat(password).hasSize(43);
    assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).matches(
        "Created account 0x[0-9a-f]{40} \\(.*UTC--.*\\), unlocked with the password in " + passwordFile));
    assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(password));
  }
}
