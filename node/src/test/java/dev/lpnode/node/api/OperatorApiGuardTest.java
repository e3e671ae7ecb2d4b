package dev.lpnode.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.storage.OwnerOnly;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class OperatorApiGuardTest {
  private static final String TOKEN = "s3cret-token";

  private final OperatorApiGuard loopback = new OperatorApiGuard(true, false, TOKEN);
  private final OperatorApiGuard network = new OperatorApiGuard(false, true, TOKEN);

  private static Optional<Integer> status(OperatorApiGuard guard, HttpMethod method, String host, String origin, String fetchSite,
      String authorization) {
    return guard.check(method, host, origin, fetchSite, authorization).map(OperatorApiGuard.Refusal::status);
  }

  @Test
  void onLoopbackScriptsChangeStateButWebPagesDoNot() {
    assertThat(status(loopback, HttpMethod.POST, "localhost:7935", null, null, null)).as("livepeer_cli").isEmpty();
    assertThat(status(loopback, HttpMethod.POST, "127.0.0.1:7935", null, null, null)).isEmpty();
    assertThat(status(loopback, HttpMethod.POST, "[::1]:7935", null, null, null)).isEmpty();
    assertThat(status(loopback, HttpMethod.POST, null, null, null, null)).as("HTTP/1.0, no Host").isEmpty();

    assertThat(status(loopback, HttpMethod.POST, "127.0.0.1:7935", "http://attacker.example", "cross-site", null)).contains(403);
    assertThat(status(loopback, HttpMethod.POST, "127.0.0.1:7935", "null", null, null)).as("sandboxed page").contains(403);
    assertThat(status(loopback, HttpMethod.POST, "127.0.0.1:7935", null, "same-site", null)).contains(403);
    assertThat(status(loopback, HttpMethod.OPTIONS, "127.0.0.1:7935", "http://attacker.example", null, null))
        .as("a CORS preflight").contains(403);
    assertThat(status(loopback, HttpMethod.GET, "127.0.0.1:7935", "http://attacker.example", "cross-site", null))
        .as("reads stay open (a page cannot read the answer)").isEmpty();

    assertThat(status(loopback, HttpMethod.POST, "127.0.0.1:7935", "http://attacker.example", "cross-site", "Bearer " + TOKEN))
        .as("the token passes").isEmpty();
    assertThat(status(loopback, HttpMethod.POST, "127.0.0.1:7935", null, null, "Bearer nope")).contains(401);
  }

  @Test
  void onLoopbackAHostThatIsNotLoopbackIsRefusedReadsIncluded() {
    for (String host : new String[] {"attacker.example:7935", "attacker.example", "10.0.0.5:7935", "127.0.0.1.attacker.example",
        "localhost.attacker.example:7935", "[::2]:7935"}) {
      assertThat(status(loopback, HttpMethod.GET, host, null, null, null)).as(host).contains(403);
      assertThat(status(loopback, HttpMethod.POST, host, null, null, "Bearer " + TOKEN)).as(host).contains(403);
    }
    assertThat(status(loopback, HttpMethod.GET, "LOCALHOST", null, null, null)).isEmpty();
    assertThat(status(loopback, HttpMethod.GET, "127.3.4.5:80", null, null, null)).isEmpty();
  }

  @Test
  void aSignedAccountRequestNeedsNoTokenButStillALoopbackHostAndNoWrongToken() {
    // The ledger API verifies the signature and acts for the signer only (FourActorsTest).
    assertThat(network.check(HttpMethod.POST, "node.example:7935", null, null, null, true)).isEmpty();
    assertThat(network.check(HttpMethod.POST, "node.example:7935", null, null, "Bearer wrong", true).map(OperatorApiGuard.Refusal::status))
        .contains(401);
    assertThat(loopback.check(HttpMethod.POST, "attacker.example", null, null, null, true).map(OperatorApiGuard.Refusal::status))
        .contains(403);
  }

  @Test
  void onTheNetworkEveryStateChangeNeedsTheToken() {
    assertThat(status(network, HttpMethod.GET, "node.example:7935", null, null, null)).isEmpty();
    assertThat(status(network, HttpMethod.POST, "node.example:7935", null, null, null)).contains(401);
    assertThat(status(network, HttpMethod.POST, "localhost:7935", null, null, null)).contains(401);
    assertThat(status(network, HttpMethod.POST, "node.example:7935", null, null, "Bearer " + TOKEN + "x")).contains(401);
    assertThat(status(network, HttpMethod.POST, "node.example:7935", null, null, "Basic " + TOKEN)).contains(401);
    assertThat(status(network, HttpMethod.POST, "node.example:7935", null, null, "Bearer " + TOKEN)).isEmpty();
    assertThat(status(network, HttpMethod.POST, "node.example:7935", null, null, "bearer  " + TOKEN + " ")).isEmpty();
  }

  @Test
  void aNodeOnAllInterfacesWarnsLoudlyAndRefusesStateChangesWithoutItsToken(@TempDir Path dir) throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(OperatorApiGuard.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    Vertx vertx = Vertx.vertx();
    try {
      OperatorApiGuard guard = OperatorApiGuard.forNode(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder",
          "-dataDir", dir.toString(), "-cliAddr", "0.0.0.0:7935"}, Map.of()));
      Path tokenFile = dir.resolve(OperatorApiGuard.TOKEN_FILE);
      String token = Files.readString(tokenFile).strip();
      assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(OwnerOnly.FILE);
      assertThat(lines.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
          .contains("*** The operator API on 0.0.0.0:7935 is reachable from other machines", tokenFile.toString()));
      assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(token));

      Router router = Router.router(vertx);
      router.route().handler(guard);
      router.get("/status").handler(ctx -> ctx.end("status"));
      router.post("/unbond").handler(ctx -> ctx.end("unbonded"));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "0.0.0.0")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      int port = server.actualPort();

      assertThat(RawHttp.send(port, "GET", "/status", Map.of("Host", "node.example:" + port), ""))
          .isEqualTo(new RawHttp.Reply(200, "status"));
      RawHttp.Reply refused = RawHttp.formFromLivepeerCli(port, "/unbond", "amount=1");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.body()).contains("need its token: send Authorization: Bearer <token>").doesNotContain(token);
      assertThat(RawHttp.send(port, "POST", "/unbond", Map.of("Authorization", "Bearer " + token), "amount=1"))
          .isEqualTo(new RawHttp.Reply(200, "unbonded"));
      assertThat(lines.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
          .startsWith("operator API: state change without the token: POST /unbond from"));
      assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(token));

      OperatorApiGuard again = OperatorApiGuard.forNode(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder",
          "-dataDir", dir.toString()}, Map.of()));
      assertThat(Files.readString(tokenFile).strip()).as("the token is kept across starts").isEqualTo(token);
      assertThat(again.check(HttpMethod.POST, "127.0.0.1", null, null, "Bearer " + token)).isEmpty();
    } finally {
      log.detachAppender(lines);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void cliAuthTokenIsRequiredEverywhereOnceSet(@TempDir Path dir) {
    OperatorApiGuard guard = OperatorApiGuard.forNode(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder",
        "-dataDir", dir.toString(), "-cliAuthToken", TOKEN}, Map.of()));
    assertThat(guard.check(HttpMethod.POST, "localhost:7935", null, null, null).map(OperatorApiGuard.Refusal::status)).contains(401);
    assertThat(guard.check(HttpMethod.POST, "localhost:7935", null, null, "Bearer " + TOKEN)).isEmpty();
    assertThat(dir.resolve(OperatorApiGuard.TOKEN_FILE)).as("no file for a token the operator gave").doesNotExist();
  }
}
