package dev.lpnode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.api.LedgerOperatorApi;
import dev.lpnode.node.api.OperatorApiGuard;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lpnode cli} against a real operator API over a real embedded network. */
class CliMainTest {
  static final EthAddress NODE = EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final EthAddress GATEWAY = EthAddress.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

  @TempDir
  static Path dir;

  static Vertx vertx;
  static EmbeddedNetwork network;
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    NetworkParameters params = NetworkParameters.defaults().with(NetworkParameter.ROUND_LENGTH, 100).with(NetworkParameter.BLOCK_TIME, 1000);
    network = EmbeddedNetwork.open(dir, new EmbeddedNetwork.Settings(params, NODE,
        EmbeddedNetwork.Genesis.orchestrator(BigInteger.TEN.pow(21), 100_000, 500_000), false, BigInteger.valueOf(10_000_000),
        EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET), Clock.systemUTC(), new LedgerMetrics(new SimpleMeterRegistry()));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    new LedgerOperatorApi(vertx, network).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    network.close();
  }

  private record Run(int status, String out, String err) {
    JsonObject json() {
      return new JsonObject(out);
    }
  }

  private static Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of("-cliAddr", "127.0.0.1:" + server.actualPort()));
    all.addAll(List.of(args));
    return runRaw(all.toArray(String[]::new));
  }

  private static Run runRaw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void readsPrintJson() {
    Run status = cli("status");
    assertThat(status.status()).isZero();
    assertThat(status.json().getString("account")).isEqualTo(NODE.toChecksumHex());
    assertThat(status.json().getJsonObject("transcoder").getBoolean("active")).isTrue();

    assertThat(cli("currentRound").json().getLong("round")).isEqualTo(1);
    assertThat(cli("registeredOrchestrators").json().getJsonArray("orchestrators")).hasSize(1);
    assertThat(cli("routingWeights").json().getJsonArray("weights").getJsonObject(0).getDouble("weight")).isEqualTo(1.0);
    assertThat(cli("protocolParameters").json().getJsonObject("parameters").getString("roundLength")).isEqualTo("100");
    assertThat(cli("status", "--account", GATEWAY.toHex()).json().getString("lptBalance")).isEqualTo("0");
  }

  @Test
  void fundsAGatewayAndShowsItsFunds() {
    Run funded = cli("fundDepositAndReserve", "-sender", GATEWAY.toHex(), "-deposit", "1e18", "--reserve=2e18");
    assertThat(funded.status()).as(funded.err()).isZero();
    assertThat(funded.json().getString("deposit")).isEqualTo("1000000000000000000");
    Run info = cli("senderInfo", "-sender", GATEWAY.toHex());
    assertThat(info.json().getJsonObject("reserve").getString("fundsRemaining")).isEqualTo("2000000000000000000");
  }

  @Test
  void aRefusalExitsWithOneAndTheNodesReason() {
    Run bond = cli("bond", "-amount", "1", "-to", NODE.toHex());
    assertThat(bond.status()).isEqualTo(1);
    assertThat(bond.out()).isEmpty();
    assertThat(bond.err()).isEqualTo("lpnode cli: bond: ERC20: transfer amount exceeds balance (HTTP 400)\n");

    Run vote = cli("vote", "-proposal", "42", "-support", "for");
    assertThat(vote.status()).isEqualTo(1);
    assertThat(vote.err()).contains("HTTP 400");
  }

  @Test
  void proposesVotesAndRewards() {
    Run proposed = cli("propose", "-set", "workAlpha=0", "-set", "unbondingPeriod=3", "-description", "simpler issuance");
    assertThat(proposed.status()).as(proposed.err()).isZero();
    assertThat(proposed.json().getJsonArray("changes")).hasSize(2);
    assertThat(cli("proposals").json().getJsonArray("proposals")).isNotEmpty();

    Run reward = cli("reward");
    assertThat(reward.status()).as(reward.err()).isZero();
    assertThat(new BigInteger(reward.json().getString("minted"))).isNotNegative();
    assertThat(cli("reward").err()).contains("caller has already called reward for the current round");
    assertThat(cli("claim").status()).isZero();
  }

  @Test
  void sendsTheOperatorApiTokenFromTheFlagOrTheNodesDataDirectory(@TempDir Path nodeDir) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(new OperatorApiGuard(false, true, "t0ken"));
    router.route().handler(BodyHandler.create());
    new LedgerOperatorApi(vertx, network).mount(router);
    HttpServer guarded = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    String addr = "127.0.0.1:" + guarded.actualPort();
    try {
      Run refused = runRaw("-cliAddr", addr, "-dataDir", nodeDir.toString(), "initializeRound");
      assertThat(refused.status()).isEqualTo(1);
      assertThat(refused.err()).startsWith("lpnode cli: initializeRound: refused: state changes on this operator API need its token")
          .endsWith("(HTTP 401)\n");
      assertThat(runRaw("-cliAddr", addr, "-cliAuthToken", "wrong", "initializeRound").err()).contains("wrong operator API token");

      assertThat(runRaw("-cliAddr", addr, "-cliAuthToken", "t0ken", "initializeRound").status()).isZero();
      Path tokenFile = Files.writeString(nodeDir.resolve(OperatorApiGuard.TOKEN_FILE), "t0ken\n");
      assertThat(runRaw("-cliAddr", addr, "-dataDir", nodeDir.toString(), "initializeRound").status()).isZero();
      assertThat(runRaw("-cliAuthToken", tokenFile.toString(), "-cliAddr", addr, "initializeRound").status()).isZero();
    } finally {
      guarded.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void badCommandLinesExitWithTwo() {
    Run missing = cli("bond", "-to", NODE.toHex());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).startsWith("lpnode cli: bond needs -amount\nUsage: ./lpnode cli [-cliAddr host:port] bond -amount wei -to 0x…");

    assertThat(cli("bond", "-amount", "1.5", "-to", NODE.toHex()).err())
        .startsWith("lpnode cli: invalid value \"1.5\" for flag -amount: expected a whole, non-negative amount of wei");
    assertThat(cli("bond", "-amount", "1", "-to", "0x12").status()).isEqualTo(2);
    assertThat(cli("bond", "-amount").err()).startsWith("lpnode cli: flag needs an argument: -amount");
    assertThat(cli("frobnicate").err()).startsWith("lpnode cli: unknown command frobnicate");
    assertThat(cli("status", "-bogus", "1").err()).startsWith("lpnode cli: flag provided but not defined: -bogus");
    assertThat(cli("vote", "-proposal", "1", "-support", "maybe").status()).isEqualTo(2);
    assertThat(cli("propose", "-set", "workAlpha").status()).isEqualTo(2);
    assertThat(runRaw().status()).isEqualTo(2);
    assertThat(runRaw("-cliAddr", "nonsense", "status").status()).isEqualTo(2);
    Run noFile = cli("slash", "-evidence", dir.resolve("no-such-evidence.json").toString());
    assertThat(noFile.status()).isEqualTo(2);
    assertThat(noFile.err()).startsWith("lpnode cli: invalid value \"" + dir.resolve("no-such-evidence.json")
        + "\" for flag -evidence: cannot read file");
  }

  @Test
  void malformedEvidenceIsRefusedSayingWhyAndAnyEvidenceWhileSlashingIsOff() throws Exception {
    Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"format\": \"lpnode-rendition-evidence/1\"}");
    Run refused = cli("slash", "-evidence", malformed.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("lpnode cli: slash: evidence offender is not an address (HTTP 400)\n");

    SigningKey key = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    byte[] garbage = "not media".getBytes(StandardCharsets.UTF_8);
    RenditionEvidence evidence = new RenditionEvidence(key.address(), LivepeerSignatures.sign(key, Keccak.keccak256(garbage)),
        List.of(new RenditionEvidence.Rendition("P144p30fps16x9", garbage)));
    Path file = Files.writeString(dir.resolve("evidence.json"), evidence.toJson());
    assertThat(cli("slash", "-evidence", file.toString()).err()).isEqualTo("lpnode cli: slash: slashing is disabled (HTTP 400)\n");
  }

  @Test
  void helpIsPrintedOnStdoutWithStatusZero() {
    Run global = runRaw("--help");
    assertThat(global.status()).isZero();
    assertThat(global.out()).contains("Usage: ./lpnode cli").contains("fundDepositAndReserve").contains("propose");
    Run bond = runRaw("bond", "--help");
    assertThat(bond.status()).isZero();
    assertThat(bond.out()).contains("-amount wei").contains("LPT to bond, in wei").contains("POST /bond");
  }

  @Test
  void anUnreachableNodeExitsWithOne() {
    Run run = runRaw("-cliAddr", "127.0.0.1:1", "status");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the node's operator API at http://127.0.0.1:1");
  }

  @Test
  void theLaunchedCommandExitsWithItsStatus() throws Exception {
    assertThat(launch("-cliAddr", "127.0.0.1:" + server.actualPort(), "currentRound")).isZero();
    assertThat(launch("-cliAddr", "127.0.0.1:" + server.actualPort(), "reward", "-bogus")).isEqualTo(2);
    assertThat(launch("-cliAddr", "127.0.0.1:1", "currentRound")).isEqualTo(1);
  }

  /** Runs {@link CliMain} as {@code ./lpnode cli} does, in its own JVM; returns the exit status. */
  private static int launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CliMain.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the CLI did not exit");
    }
    return p.exitValue();
  }
}
