package dev.lpnode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.gateway.support.LyingOrchestrator;
import dev.lpnode.ledger.PercMath;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.node.FreePort;
import dev.lpnode.node.LivepeerNode;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slashing by proof through a running node: governance turns slashing on; the node's gateway is
 * sent to a lying orchestrator that serves bytes that are not media under the real orchestrator's
 * signature (the node's own orchestrator and key: the account with stake); the gateway keeps the
 * evidence; another account submits it with {@code ./lpnode cli slash} and is paid the finder's
 * fee. Reused, malformed and honest evidence costs nothing.
 */
class SlashingEndToEndTest {
  static final BigInteger LPT = BigInteger.TEN.pow(18);
  static final long SLASH_AMOUNT = 100_000; // 10 % of the own bond
  static final long FINDER_FEE = 50_000; // the default: 5 % of the penalty

  @TempDir
  Path dir;



  private int cliPort;

  /** A combined node whose gateway is sent only to {@code liar}, with the orchestrator's key and stake. */
  private LivepeerNode start(CliActor orchestrator, int servicePort, int httpPort, LyingOrchestrator liar, String... more) {
    List<String> args = new ArrayList<>(List.of("-gateway", "-orchestrator", "-transcoder", "-network", "embedded",
        "-dataDir", dir.resolve("node").toString(), "-serviceAddr", "127.0.0.1:" + servicePort, "-httpAddr", "127.0.0.1:" + httpPort,
        "-rtmpAddr", "127.0.0.1:" + FreePort.next(), "-cliAddr", "127.0.0.1:" + cliPort, "-orchAddr", liar.serviceUri,
        "-transcodingOptions", "P144p30fps16x9", "-blockTime", "500ms", "-roundLength", "6", "-votingDelay", "0",
        "-votingPeriod", "1", "-reward=false", "-maxAttempts", "1"));
    args.addAll(orchestrator.flags());
    args.addAll(List.of(more));
    return LivepeerNode.start(ConfigLoader.load(args.toArray(String[]::new), Map.of()));
  }

  /** Pushes a real segment to the gateway, which the liar answers with garbage: the segment fails. */
  private static void pushToTheLiar(int httpPort, LyingOrchestrator liar) throws Exception {
    HttpResponse<String> push = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/live/lying/0.ts"))
        .header("Content-Duration", "1770")
        .PUT(HttpRequest.BodyPublishers.ofFile(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(push.statusCode()).as(push.body()).isNotEqualTo(200);
    assertThat(liar.segments()).isEqualTo(1);
  }

  @Test
  void aSignedRenditionThatIsNotMediaSlashesItsOrchestratorOnceAndHonestWorkNever() throws Exception {
    CliActor orchestrator = actor("orchestrator");
    CliActor finder = actor("finder");
    int servicePort = FreePort.next();
    int httpPort = FreePort.next();
    cliPort = FreePort.next();
    Path dataDir = dir.resolve("node");
    try (LyingOrchestrator liar = LyingOrchestrator.garbage("https://127.0.0.1:" + servicePort, dir.resolve("liar"),
        orchestrator.key())) {
      LivepeerNode node = start(orchestrator, servicePort, httpPort, liar);
      try {
        EthAddress offender = orchestrator.key().address();
        turnSlashingOn();

        // The gateway is sent garbage under a valid signature: the segment fails, the evidence is kept.
        pushToTheLiar(httpPort, liar);
        Path evidence = only(dataDir.resolve("evidence"));
        RenditionEvidence kept = RenditionEvidence.parse(Files.readAllBytes(evidence));
        assertThat(kept.offender()).isEqualTo(offender);

        // The real orchestrator's honest result for that segment (its signature, its renditions) proves nothing.
        BigInteger bond = bond(offender);
        LyingOrchestrator.Signed real = liar.honestResult();
        assertThat(real.renditions()).hasSize(1);
        RenditionEvidence honestEvidence = new RenditionEvidence(offender, real.signature(),
            List.of(new RenditionEvidence.Rendition("P144p30fps16x9", real.renditions().get(0))));
        assertThat(honestEvidence.signedByOffender()).as("signed by the orchestrator").isTrue();
        Path honest = write("honest.json", honestEvidence.toJson());
        CliActor.Run refused = cli(finder, "slash", "-evidence", honest.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("lpnode cli: slash: evidence does not prove a fault: every rendition is decodable media"
            + " (HTTP 400)\n");
        // Nor does a forgery: the lying gateway's own signature over garbage.
        Path forged = write("forged.json", new RenditionEvidence(offender, LivepeerSignatures.sign(finder.key(),
            Keccak.keccak256(kept.renditions().get(0).data())), List.of(kept.renditions().get(0))).toJson());
        assertThat(cli(finder, "slash", "-evidence", forged.toString()).err())
            .startsWith("lpnode cli: slash: evidence does not prove a fault: the signature is not " + offender.toChecksumHex());
        Path malformed = write("malformed.json", "{\"format\": \"lpnode-rendition-evidence/1\"}");
        assertThat(cli(finder, "slash", "-evidence", malformed.toString()).err())
            .isEqualTo("lpnode cli: slash: evidence offender is not an address (HTTP 400)\n");
        assertThat(bond(offender)).isEqualTo(bond);
        assertThat(lptBalance(finder.key().address())).isZero();
        // Real media is larger than the 64 KiB that other routes take: /slash alone takes more.
        Path media = write("media.json", signed(orchestrator.key(), "transmux.ts", "portrait.ts").toJson());
        assertThat(Files.size(media)).isGreaterThan(64 * 1024);
        assertThat(cli(finder, "slash", "-evidence", media.toString()).err())
            .isEqualTo("lpnode cli: slash: evidence does not prove a fault: every rendition is decodable media (HTTP 400)\n");
        HttpResponse<String> large = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cliPort
            + "/bond")).POST(HttpRequest.BodyPublishers.ofString("x".repeat(65 * 1024))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).as("only /slash takes large bodies").isEqualTo(413);

        // The kept evidence: the own bond drops by slashAmount, the finder gets finderFee of it, to the wei.
        CliActor.Run slashed = cli(finder, "slash", "-evidence", evidence.toString());
        assertThat(slashed.status()).as(slashed.err()).isZero();
        BigInteger penalty = PercMath.PPM.of(bond, SLASH_AMOUNT);
        BigInteger fee = PercMath.PPM.of(penalty, FINDER_FEE);
        JsonObject result = new JsonObject(slashed.out());
        assertThat(result.getString("evidenceId")).isEqualTo(kept.id());
        assertThat(new BigInteger(result.getString("penalty"))).isEqualTo(penalty).isEqualTo(LPT.multiply(BigInteger.valueOf(100)));
        assertThat(new BigInteger(result.getString("finderFee"))).isEqualTo(fee);
        assertThat(new BigInteger(result.getString("burned"))).isEqualTo(penalty.subtract(fee));
        assertThat(bond(offender)).isEqualTo(bond.subtract(penalty));
        assertThat(lptBalance(finder.key().address())).isEqualTo(fee);

        // The same evidence again: refused, nothing moves.
        CliActor.Run again = cli(finder, "slash", "-evidence", evidence.toString());
        assertThat(again.err()).isEqualTo("lpnode cli: slash: evidence already used (HTTP 400)\n");
        assertThat(bond(offender)).isEqualTo(bond.subtract(penalty));
        assertThat(lptBalance(finder.key().address())).isEqualTo(fee);
      } finally {
        node.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void withSlashOnFaultTheGatewaySubmitsWhatItKeeps() throws Exception {
    CliActor orchestrator = actor("orchestrator");
    int servicePort = FreePort.next();
    int httpPort = FreePort.next();
    cliPort = FreePort.next();
    try (LyingOrchestrator liar = LyingOrchestrator.garbage("https://127.0.0.1:" + servicePort, dir.resolve("liar"),
        orchestrator.key())) {
      LivepeerNode node = start(orchestrator, servicePort, httpPort, liar, "-slashOnFault");
      try {
        // A combined node: its gateway is the finder of its own orchestrator's fault.
        EthAddress self = orchestrator.key().address();
        turnSlashingOn();
        BigInteger bond = bond(self);
        BigInteger balance = lptBalance(self);
        pushToTheLiar(httpPort, liar);
        Path evidence = only(dir.resolve("node").resolve("evidence"));
        BigInteger penalty = PercMath.PPM.of(bond, SLASH_AMOUNT);
        until(() -> cli(null, "status", "-account", self.toHex()), r -> bond(self).equals(bond.subtract(penalty)));
        assertThat(lptBalance(self)).isEqualTo(balance.add(PercMath.PPM.of(penalty, FINDER_FEE)));
        assertThat(cli(null, "slash", "-evidence", evidence.toString()).err())
            .isEqualTo("lpnode cli: slash: evidence already used (HTTP 400)\n");
      } finally {
        node.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void slashOnFaultWithoutALedgerIsRefusedAtStart() {
    assertThatThrownBy(() -> LivepeerNode.start(ConfigLoader.load(new String[] {"-gateway", "-network", "offchain", "-slashOnFault",
        "-dataDir", dir.toString(), "-orchAddr", "https://127.0.0.1:1", "-httpAddr", "127.0.0.1:" + FreePort.next(),
        "-rtmpAddr", "127.0.0.1:" + FreePort.next(), "-cliAddr", "127.0.0.1:0"}, Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("-slashOnFault needs a network with a ledger: run the gateway on -network embedded");
  }

  /** Governance: the orchestrator proposes slashAmount, votes for it with all the stake, and executes it. */
  private void turnSlashingOn() throws Exception {
    CliActor.Run off = cli(null, "protocolParameters");
    assertThat(new JsonObject(off.out()).getJsonObject("parameters").getString("slashAmount")).isEqualTo("0");
    long proposal = new JsonObject(ok(null, "propose", "-set", "slashAmount=" + SLASH_AMOUNT, "-description", "slash proven faults"))
        .getLong("id");
    String id = Long.toString(proposal);
    until(() -> cli(null, "vote", "-proposal", id, "-support", "for"), r -> r.status() == 0);
    until(() -> cli(null, "execute", "-proposal", id), r -> r.status() == 0);
    until(() -> cli(null, "protocolParameters"),
        r -> new JsonObject(r.out()).getJsonObject("parameters").getString("slashAmount").equals(Long.toString(SLASH_AMOUNT)));
  }

  private interface Command {
    CliActor.Run run() throws Exception;
  }

  /** Runs {@code command} until {@code done} (rounds are 3 s), for at most 60 s. */
  private static CliActor.Run until(Command command, Predicate<CliActor.Run> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    CliActor.Run last = command.run();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      last = command.run();
    }
    assertThat(done.test(last)).as(last.toString()).isTrue();
    return last;
  }

  private RenditionEvidence signed(SigningKey key, String... media) throws Exception {
    List<RenditionEvidence.Rendition> renditions = new ArrayList<>();
    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    for (String name : media) {
      byte[] data = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), name));
      renditions.add(new RenditionEvidence.Rendition("P144p30fps16x9", data));
      hashes.writeBytes(Keccak.keccak256(data));
    }
    return new RenditionEvidence(key.address(), LivepeerSignatures.sign(key, hashes.toByteArray()), renditions);
  }

  private BigInteger bond(EthAddress account) {
    JsonObject status = new JsonObject(ok(null, "status", "-account", account.toHex()));
    return new BigInteger(status.getJsonObject("delegator").getString("bondedAmount"));
  }

  private BigInteger lptBalance(EthAddress account) {
    return new BigInteger(new JsonObject(ok(null, "status", "-account", account.toHex())).getString("lptBalance"));
  }

  private String ok(CliActor actor, String... args) {
    CliActor.Run run = cli(actor, args);
    assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run.out();
  }

  /** {@code ./lpnode cli} as {@code actor} (null: the node's own account). */
  private CliActor.Run cli(CliActor actor, String... args) {
    return CliActor.cli(List.of("-cliAddr", "127.0.0.1:" + cliPort, "-dataDir", dir.resolve("node").toString()), actor, args);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static Path only(Path evidenceDir) throws Exception {
    try (Stream<Path> files = Files.list(evidenceDir)) {
      List<Path> kept = files.toList();
      assertThat(kept).hasSize(1);
      return kept.get(0);
    }
  }

  private CliActor actor(String name) throws Exception {
    return CliActor.create(dir, name);
  }
}
