package dev.lpnode.orchestrator.api;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.NODE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.wire.net.PriceInfo;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's operator routes on a real HTTP server over a real orchestrator, as go-livepeer's CLI calls them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorOperatorApiTest {
  private static final String GATEWAY = GATEWAY_KEY.address().toHex();
  /** What the start-up transcoder test would have measured. */
  private static final int REAL_TIME = 2;

  private OrchestratorHarness orchestrator;
  private HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    orchestrator = new OrchestratorHarness(dir, 4);
    Router router = Router.router(orchestrator.vertx);
    router.route().handler(BodyHandler.create());
    new OrchestratorOperatorApi(orchestrator.node, orchestrator.serviceUri, NODE_KEY.address(), OptionalInt.of(REAL_TIME))
        .mount(router);
    server = orchestrator.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    orchestrator.close();
  }

  private record Reply(int status, String body) {}

  private Reply post(String path, String form) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private Reply get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  private Reply send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  private JsonObject status() throws Exception {
    Reply status = get("/status");
    assertThat(status.status()).isEqualTo(200);
    return new JsonObject(status.body());
  }

  private PriceInfo gatewayPrice() throws Exception {
    return orchestrator.node.payments().priceInfo(GATEWAY_KEY.address(), "a-new-session-" + System.nanoTime());
  }

  @Test
  void statusShowsTheNodeAndItsSessions() throws Exception {
    JsonObject status = status();
    assertThat(status.getString("OrchestratorAddress")).isEqualTo(NODE_KEY.address().toChecksumHex());
    assertThat(status.getString("ServiceURI")).isEqualTo(orchestrator.serviceUri);
    assertThat(status.getBoolean("LocalTranscoding")).isTrue();
    assertThat(status.getInteger("CurrentSessions")).isZero();
    assertThat(status.getInteger("MaxSessions")).isEqualTo(orchestrator.node.sessions().maxSessions());
    assertThat(status.getString("Version")).isNotBlank();
    assertThat(status.containsKey("Badge")).as("no stake tiers without the embedded network's ledger").isFalse();
  }

  @Test
  void setMaxSessionsChangesCapacityAndRefusesBadValues() throws Exception {
    assertThat(post("/setMaxSessions", "maxSessions=7")).isEqualTo(new Reply(200, "Max sessions set to 7\n"));
    assertThat(status().getInteger("MaxSessions")).isEqualTo(7);

    assertThat(post("/setMaxSessions", "")).isEqualTo(new Reply(400, "missing form param: maxSessions"));
    assertThat(post("/setMaxSessions", "maxSessions=")).isEqualTo(new Reply(400, "missing form param: maxSessions"));
    assertThat(post("/setMaxSessions", "maxSessions=many"))
        .isEqualTo(new Reply(400, "Max Sessions must be a positive number, provided many"));
    assertThat(post("/setMaxSessions", "maxSessions=0")).isEqualTo(new Reply(400, "Max Sessions must be 'auto' or greater than zero"));
    assertThat(post("/setMaxSessions", "maxSessions=-3")).isEqualTo(new Reply(400, "Max Sessions must be 'auto' or greater than zero"));
    assertThat(get("/setMaxSessions?maxSessions=1").status()).as("a GET never changes state").isEqualTo(405);
    assertThat(orchestrator.node.sessions().maxSessions()).isEqualTo(7);
  }

  @Test
  void setMaxSessionsAutoGoesBackToTheMeasuredCapacity() throws Exception {
    assertThat(post("/setMaxSessions", "maxSessions=9")).isEqualTo(new Reply(200, "Max sessions set to 9\n"));
    assertThat(post("/setMaxSessions", "maxSessions=auto")).isEqualTo(new Reply(200, "Max sessions set to " + REAL_TIME + "\n"));
    assertThat(orchestrator.node.sessions().maxSessions()).isEqualTo(REAL_TIME);
  }

  @Test
  void setPriceForBroadcasterPricesThatGatewaysNewSessions() throws Exception {
    PriceInfo before = gatewayPrice();
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=2000&pixelsPerUnit=3&broadcasterEthAddr=" + GATEWAY)).isEqualTo(
        new Reply(200, "Price per pixel set to 2000 wei for 3 pixels for broadcaster " + GATEWAY + "\n"));
    PriceInfo after = gatewayPrice();
    assertThat(after.getPricePerUnit()).isEqualTo(2000);
    assertThat(after.getPixelsPerUnit()).isEqualTo(3);
    assertThat(after).isNotEqualTo(before);

    String ok = "&pixelsPerUnit=1&broadcasterEthAddr=" + GATEWAY;
    assertThat(post("/setPriceForBroadcaster", "pixelsPerUnit=1&broadcasterEthAddr=" + GATEWAY))
        .isEqualTo(new Reply(400, "missing form param: pricePerUnit"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=1&broadcasterEthAddr=" + GATEWAY))
        .isEqualTo(new Reply(400, "missing form param: pixelsPerUnit"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=1&pixelsPerUnit=1"))
        .isEqualTo(new Reply(400, "missing form param: broadcasterEthAddr"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=1&pixelsPerUnit=1&broadcasterEthAddr=0x1234"))
        .isEqualTo(new Reply(400, "broadcasterEthAddr is not a valid eth address, provided 0x1234"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=cheap" + ok))
        .isEqualTo(new Reply(400, "error parsing pricePerUnit value: cheap"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=-1" + ok))
        .isEqualTo(new Reply(400, "price unit must be greater than or equal to 0, provided -1"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=1&pixelsPerUnit=x&broadcasterEthAddr=" + GATEWAY))
        .isEqualTo(new Reply(400, "error parsing pixelsPerUnit value: x"));
    assertThat(post("/setPriceForBroadcaster", "pricePerUnit=1&pixelsPerUnit=0&broadcasterEthAddr=" + GATEWAY))
        .isEqualTo(new Reply(400, "pixels per unit must be greater than 0, provided 0"));
    assertThat(get("/setPriceForBroadcaster?pricePerUnit=0" + ok).status()).as("a GET never changes state").isEqualTo(405);
    assertThat(gatewayPrice()).isEqualTo(after);
  }
}
