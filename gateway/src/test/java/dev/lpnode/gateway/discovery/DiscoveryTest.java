package dev.lpnode.gateway.discovery;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.gateway.client.GatewayCredentials;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.Suspender;
import dev.lpnode.gateway.transcode.JobCapabilities;
import dev.lpnode.orchestrator.server.SelfSignedCertificate;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.Capabilities;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against two real orchestrators, one that never answers and one that is not there. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryTest {
  private static final Capabilities JOB = JobCapabilities.of(LadderParser.parsePresets("P144p30fps16x9"), "h264", "");

  private final Vertx vertx = Vertx.vertx();
  private OrchestratorHarness o1;
  private OrchestratorHarness o2;
  private HttpServer silent;
  private String silentUri;
  private String closedUri;
  private OrchestratorClient client;
  private WorkerExecutor workers;
  private final Map<String, String> errors = new ConcurrentHashMap<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    o1 = new OrchestratorHarness(dir.resolve("o1"), 4);
    o2 = new OrchestratorHarness(dir.resolve("o2"), 4,
        SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"));
    SelfSignedCertificate certificate = SelfSignedCertificate.generate("127.0.0.1", dir.resolve("silent"));
    silent = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setAlpnVersions(List.of(HttpVersion.HTTP_2))
            .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.certPem()))
                .setKeyValue(Buffer.buffer(certificate.keyPem()))))
        .requestHandler(request -> { }) // never answers
        .listen(0, "127.0.0.1"));
    silentUri = "https://127.0.0.1:" + silent.actualPort();
    try (ServerSocket s = new ServerSocket(0)) {
      closedUri = "https://127.0.0.1:" + s.getLocalPort();
    }
    client = new OrchestratorClient(vertx);
    workers = vertx.createSharedWorkerExecutor("test-discovery", 2);
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    workers.close();
    await(vertx.close());
    o1.close();
    o2.close();
  }

  private Discovery discovery(List<String> addresses, long timeoutMs) {
    // The harnesses fund the gateway in their own brokers; the sender of o1 validates params from both.
    SegmentPayments payments = SegmentPayments.withTickets(o1.sender, Rational.of(1000));
    return new Discovery(vertx, client, new GatewayCredentials(GATEWAY_KEY), OrchestratorSource.of(addresses),
        new AcceptanceFilter(Set.of(), payments), workers, timeoutMs, new Random(5), errors::put);
  }

  @Test
  void answersFromLiveOrchestratorsArriveAfterTheDiscoveryTimeoutWithoutWaitingForTheSilentOne() throws Exception {
    Discovery discovery = discovery(List.of(o1.serviceUri, silentUri, o2.serviceUri, closedUri), 500);
    long started = System.nanoTime();
    List<Discovered> found = await(discovery.discover(8, new Suspender(), JOB));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(found).extracting(Discovered::uri).containsExactlyInAnyOrder(o1.serviceUri, o2.serviceUri);
    assertThat(found).allSatisfy(d -> assertThat(d.info().hasTicketParams()).isTrue());
    assertThat(tookMs).as("ended by the first timer (500 ms), not the 6 s cutoff").isBetween(450L, 3_000L);
    assertThat(errors).containsKey(closedUri).doesNotContainKey(o1.serviceUri);
  }

  @Test
  void suspendedOrchestratorsComeLastAndOnlyWhenTooFewOthersAnswer() throws Exception {
    Discovery discovery = discovery(List.of(o1.serviceUri, o2.serviceUri), 2_000);
    Suspender suspender = new Suspender();
    suspender.suspend(o1.serviceUri, 1);
    assertThat(await(discovery.discover(1, suspender, JOB))).extracting(Discovered::uri).containsExactly(o2.serviceUri);
    assertThat(await(discovery.discover(2, suspender, JOB))).extracting(Discovered::uri)
        .containsExactly(o2.serviceUri, o1.serviceUri);
  }

  @Test
  void orchestratorsThatCannotServeTheJobAreNotReturned() throws Exception {
    Discovery discovery = discovery(List.of(o1.serviceUri, o2.serviceUri), 500);
    Capabilities newer = JobCapabilities.of(LadderParser.parsePresets("P144p30fps16x9"), "h264", "99.0.0");
    long started = System.nanoTime();
    assertThat(await(discovery.discover(2, new Suspender(), newer))).isEmpty();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("everyone answered").isLessThan(3_000L);
    assertThat(await(discovery(List.of(), 500).discover(8, new Suspender(), JOB))).isEmpty();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
