package dev.lpnode.gateway.transcode;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.evidence.EvidenceStore;
import dev.lpnode.gateway.evidence.RenditionFaultVerifier;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.SelectionWeights;
import dev.lpnode.gateway.selection.StakeWeights;
import dev.lpnode.gateway.support.LyingOrchestrator;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real segment processor behind HTTP push, with real orchestrators and real tickets: paying,
 * verifying, retrying elsewhere, and go-livepeer's answers when nothing works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscodingProcessorTest {
  private static final String LADDER = "P144p30fps16x9,P240p30fps16x9";
  private static final SigningKey LIAR_KEY = SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

  private Path dir;
  private OrchestratorHarness honest;
  private OrchestratorHarness other;
  private LyingOrchestrator liar;
  private LyingOrchestrator forger;
  private LyingOrchestrator steerer;
  private LyingOrchestrator redirector;
  private LyingOrchestrator garbler;
  private Path evidenceDir;
  private EvidenceStore evidence;
  /** Stands in for the node's operator API, whose GET routes change settings: the gateway must never reach it. */
  private HttpServer operatorApi;
  private final AtomicInteger operatorApiRequests = new AtomicInteger();
  private Vertx vertx;
  private byte[] segment;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    honest = new OrchestratorHarness(dir.resolve("honest"), 8);
    // Behind four lying proxies, whose suspended sessions stay open on it until they time out.
    other = new OrchestratorHarness(dir.resolve("other"), 16, LIAR_KEY);
    liar = new LyingOrchestrator(other.serviceUri, LyingOrchestrator.Lie.PIXELS, dir.resolve("liar"));
    forger = new LyingOrchestrator(other.serviceUri, LyingOrchestrator.Lie.SIGNATURE, dir.resolve("forger"));
    vertx = Vertx.vertx();
    operatorApi = vertx.createHttpServer().requestHandler(request -> {
      operatorApiRequests.incrementAndGet();
      request.response().end("maxSessions set");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    steerer = new LyingOrchestrator(other.serviceUri, LyingOrchestrator.Lie.FOREIGN_URL, dir.resolve("steerer"),
        "http://127.0.0.1:" + operatorApi.actualPort() + "/setMaxSessions?maxSessions=0");
    redirector = new LyingOrchestrator(other.serviceUri, LyingOrchestrator.Lie.REDIRECT, dir.resolve("redirector"));
    garbler = LyingOrchestrator.garbage(other.serviceUri, dir.resolve("garbler"), LIAR_KEY);
    evidenceDir = dir.resolve("evidence");
    evidence = new EvidenceStore(evidenceDir, EvidenceStore.DEFAULT_MAX_FILES, Optional.empty());
    segment = Files.readAllBytes(MediaTools.testdata("transmux.ts"));
  }

  @AfterAll
  void stop() throws Exception {
    liar.close();
    forger.close();
    steerer.close();
    redirector.close();
    garbler.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    honest.close();
    other.close();
  }

  /**
   * A gateway on the given orchestrators, selected by stake alone (so tests decide who is tried first).
   * Discovery waits up to 5 s, so every orchestrator's answer is in, however loaded the machine.
   */
  private RunningGateway gateway(PrometheusMeterRegistry registry, List<String> orchestrators, StakeWeights stakes)
      throws Exception {
    TranscodeSettings settings = new TranscodeSettings(3, true, new SelectionWeights(1, 0, 0), stakes, "");
    return new RunningGateway(vertx -> new TranscodingProcessor(vertx, GATEWAY_KEY, OrchestratorSource.of(orchestrators),
        SegmentPayments.withTickets(honest.sender, null), Set.of(), 5_000, settings, new GatewayMetrics(registry),
        new Random(11), System::nanoTime, Clock.systemUTC(), evidence),
        o -> o.ladder(LadderParser.parsePresets(LADDER)));
  }

  private static HttpResponse<byte[]> put(RunningGateway gw, String path, byte[] body) throws Exception {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl(path))).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Duration", "1770"));
  }

  private void assertTranscoded(RunningGateway gw, String stream, long seq) throws Exception {
    for (String rendition : List.of("P144p30fps16x9", "P240p30fps16x9")) {
      assertThat(gw.getText("/stream/" + stream + "/" + rendition + ".m3u8")).contains(rendition + "/" + seq + ".ts");
      MediaTools.VideoProbe probe = MediaTools.probe(gw.get("/stream/" + stream + "/" + rendition + "/" + seq + ".ts").body(), dir);
      assertThat(probe.width()).isEqualTo(rendition.startsWith("P144") ? 256 : 426);
      assertThat(probe.frames()).isEqualTo(MediaTools.probe(segment, dir).frames());
    }
  }

  @Test
  void aPushedSegmentIsPaidForTranscodedVerifiedAndListed() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of(honest.serviceUri), StakeWeights.EQUAL)) {
      long before = verified(honest);
      for (long seq = 0; seq < 3; seq++) {
        HttpResponse<byte[]> res = put(gw, "/live/paid/" + seq + ".ts", segment);
        assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertTranscoded(gw, "paid", seq);
      }
      assertThat(verified(honest) - before).as("verified work recorded by the orchestrator").isEqualTo(3);
      assertThat(gw.getText("/stream/paid.m3u8")).contains("RESOLUTION=256x144", "RESOLUTION=426x240");

      GatewayMetrics.Totals totals = ((TranscodingProcessor) gw.processor).metrics().totals();
      assertThat(totals.transcoded()).isEqualTo(3);
      assertThat(totals.ticketsSent()).isPositive();
      assertThat(totals.valueSentWei()).isPositive();
      String scrape = registry.scrape();
      assertThat(scrape).contains("livepeer_segment_transcoded_total{node_type=\"bctr\"} 3.0",
          "livepeer_tickets_sent_total{node_type=\"bctr\"}", "livepeer_ticket_value_sent_total{node_type=\"bctr\"}",
          "livepeer_transcode_overall_latency_seconds_count{node_type=\"bctr\"} 3", "livepeer_success_rate{node_type=\"bctr\"} 1.0");
    }
  }

  @Test
  void aNonRetryableErrorIs422AndTheOrchestratorStaysInUse() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of(honest.serviceUri), StakeWeights.EQUAL)) {
      int calls = honest.transcoder.calls();
      HttpResponse<byte[]> noKeyframe = put(gw, "/live/nokey/0.ts", Files.readAllBytes(MediaTools.testdata("kryp-2.ts")));
      assertThat(noKeyframe.statusCode()).isEqualTo(422);
      assertThat(new String(noKeyframe.body(), StandardCharsets.UTF_8)).contains("No keyframes in input");
      assertThat(honest.transcoder.calls() - calls).as("not retried").isEqualTo(1);

      HttpResponse<byte[]> next = put(gw, "/live/nokey/1.ts", segment);
      assertThat(next.statusCode()).isEqualTo(200);
      assertTranscoded(gw, "nokey", 1);
      assertThat(registry.scrape()).contains("livepeer_segment_transcode_failed_total{error_code=\"No keyframes in input\",node_type=\"bctr\"} 1.0");
    }
  }

  @Test
  void aLiarIsCaughtByThePixelCountSuspendedAndTheSegmentTranscodedElsewhere() throws Exception {
    EthAddress liarAddress = LIAR_KEY.address();
    StakeWeights liarFirst = address -> liarAddress.equals(address) ? 1.0 : 0.0;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of(liar.serviceUri, honest.serviceUri), liarFirst)) {
      int lies = liar.segments();
      long honestWork = verified(honest);
      for (long seq = 0; seq < 3; seq++) {
        HttpResponse<byte[]> res = put(gw, "/live/caught/" + seq + ".ts", segment);
        assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertTranscoded(gw, "caught", seq);
      }
      assertThat(liar.segments() - lies).as("tried once, then suspended").isEqualTo(1);
      assertThat(verified(honest) - honestWork).isEqualTo(3);
      assertThat(registry.scrape()).contains("livepeer_segment_transcoded_total{node_type=\"bctr\"} 3.0");
    }
  }

  @Test
  void renditionsWhoseSignatureIsNotTheOrchestratorsFailThePmCheckAndAreNeverAccepted() throws Exception {
    StakeWeights forgerFirst = address -> LIAR_KEY.address().equals(address) ? 1.0 : 0.0;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of(forger.serviceUri, honest.serviceUri), forgerFirst)) {
      int forged = forger.segments();
      HttpResponse<byte[]> res = put(gw, "/live/forged/0.ts", segment);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(forger.segments() - forged).isEqualTo(1);
      assertTranscoded(gw, "forged", 0);
    }
    try (RunningGateway gw = gateway(registry, List.of(forger.serviceUri), StakeWeights.EQUAL)) {
      HttpResponse<byte[]> res = put(gw, "/live/onlyforged/0.ts", segment);
      assertThat(res.statusCode()).isEqualTo(500);
      assertThat(new String(res.body(), StandardCharsets.UTF_8)).contains("Hit max transcode attempts: PM Check Failed");
      assertThat(registry.scrape()).contains("livepeer_segment_transcode_failed_total{error_code=\"MaxAttempts\",node_type=\"bctr\"} 1.0");
    }
  }

  @Test
  void aSignedRenditionThatIsNotMediaIsKeptAsEvidenceThatProvesTheFault() throws Exception {
    StakeWeights garblerFirst = address -> LIAR_KEY.address().equals(address) ? 1.0 : 0.0;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of(garbler.serviceUri, honest.serviceUri), garblerFirst)) {
      int garbled = garbler.segments();
      HttpResponse<byte[]> res = put(gw, "/live/garbled/0.ts", segment);
      assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      assertThat(garbler.segments() - garbled).as("tried once, then suspended").isEqualTo(1);
      assertTranscoded(gw, "garbled", 0);
    }
    List<Path> kept;
    try (var files = Files.list(evidenceDir)) {
      kept = files.toList();
    }
    assertThat(kept).hasSize(1);
    Path file = kept.get(0);
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
    RenditionEvidence kept0 = RenditionEvidence.parse(Files.readAllBytes(file));
    assertThat(file.getFileName().toString()).isEqualTo(kept0.id() + ".json");
    assertThat(kept0.offender()).isEqualTo(LIAR_KEY.address());
    assertThat(kept0.renditions()).extracting(RenditionEvidence.Rendition::profile).containsExactly("P144p30fps16x9", "P240p30fps16x9");
    assertThat(new RenditionFaultVerifier().refusal(kept0)).isEmpty();
  }

  /** Issue 16 item 11: renditions come only from the origin the segment was sent to, never through a redirect. */
  @Test
  void renditionUrlsOnAnotherOriginOrRedirectedAreNeverFetchedAndTheOrchestratorIsSuspended() throws Exception {
    StakeWeights liarFirst = address -> LIAR_KEY.address().equals(address) ? 1.0 : 0.0;
    for (LyingOrchestrator hostile : List.of(steerer, redirector)) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (RunningGateway gw = gateway(registry, List.of(hostile.serviceUri, honest.serviceUri), liarFirst)) {
        int tried = hostile.segments();
        for (long seq = 0; seq < 2; seq++) {
          HttpResponse<byte[]> res = put(gw, "/live/steered/" + seq + ".ts", segment);
          assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
          assertTranscoded(gw, "steered", seq);
        }
        assertThat(hostile.segments() - tried).as("tried once, then suspended").isEqualTo(1);
      }
    }
    try (RunningGateway gw = gateway(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(steerer.serviceUri),
        StakeWeights.EQUAL)) {
      // Each try fails on the URL; whether a refresh finds the suspended steerer again decides 500 or 503.
      HttpResponse<byte[]> res = put(gw, "/live/onlysteered/0.ts", segment);
      String body = new String(res.body(), StandardCharsets.UTF_8);
      assertThat(res.statusCode()).as(body).isIn(500, 503);
      if (res.statusCode() == 500) {
        assertThat(body).contains("rendition URL http://127.0.0.1:" + operatorApi.actualPort(),
            "is not on the orchestrator's origin " + steerer.serviceUri);
      }
      assertThat(gw.get("/stream/onlysteered/P144p30fps16x9/0.ts").statusCode()).isEqualTo(404);
    }
    assertThat(operatorApiRequests).as("requests that reached the operator API").hasValue(0);
  }

  @Test
  void whenEveryResultFailsVerificationTheBestIsAcceptedAfterTwoRetries() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of(liar.serviceUri), StakeWeights.EQUAL)) {
      int lies = liar.segments();
      HttpResponse<byte[]> res = put(gw, "/live/onlyliars/0.ts", segment);
      assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      assertThat(liar.segments() - lies).as("the first try and two retries").isEqualTo(3);
      assertTranscoded(gw, "onlyliars", 0);
    }
  }

  @Test
  void withoutAnyOrchestratorThePushIsAnswered503() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (RunningGateway gw = gateway(registry, List.of("127.0.0.1:" + closed), StakeWeights.EQUAL)) {
      HttpResponse<byte[]> res = put(gw, "/live/nobody/0.ts", segment);
      assertThat(res.statusCode()).isEqualTo(503);
      assertThat(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo("No sessions available\n");
      assertThat(registry.scrape()).contains("livepeer_discovery_errors_total{error_code=",
          "livepeer_segment_transcode_failed_total{error_code=\"NoOrchestrators\",node_type=\"bctr\"} 1.0");
    }
  }

  /** Segments the orchestrator transcoded and billed (its ledger records, less failures). */
  private static long verified(OrchestratorHarness orchestrator) {
    return orchestrator.work().stream().filter(w -> w.outcome() == SegmentRecord.Outcome.VERIFIED).count();
  }
}
