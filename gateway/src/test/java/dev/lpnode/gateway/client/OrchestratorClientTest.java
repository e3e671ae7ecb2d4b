package dev.lpnode.gateway.client;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.NODE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.transcode.JobCapabilities;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.orchestrator.server.SelfSignedCertificate;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.TranscodedSegmentData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's Vert.x client against a real orchestrator on loopback (gRPC + HTTP/2 over TLS, real tickets). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorClientTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9,P240p30fps16x9");
  private static final Capabilities JOB = JobCapabilities.of(LADDER, "h264", "");

  private OrchestratorHarness o;
  private final Vertx vertx = Vertx.vertx();
  private OrchestratorClient client;
  private final GatewayCredentials credentials = new GatewayCredentials(GATEWAY_KEY);
  private byte[] segment;
  private Path dir;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    o = new OrchestratorHarness(dir.resolve("o"), 4);
    client = new OrchestratorClient(vertx);
    segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    await(vertx.close());
    o.close();
  }

  @Test
  void discoversPaysSubmitsAndDownloadsLikeAGoLivepeerGateway() throws Exception {
    OrchestratorInfo info = await(client.getOrchestrator(o.serviceUri, credentials.orchestratorRequest(JOB),
        OrchestratorClient.DISCOVERY_TIMEOUT_MS));
    assertThat(info.getTranscoder()).isEqualTo(o.serviceUri);
    assertThat(info.getTicketParams().getRecipient().toByteArray()).isEqualTo(NODE_KEY.address().toBytes());

    SenderSession session = o.sender.startSession(info.getTicketParams());
    Payment payment = o.sender.createPayment(session, 3, info.getPriceInfo());
    String segData = credentials.segmentHeader("client-test", 4, segment, 1770, LADDER, JOB, info.getAuthToken());
    SegmentReply reply = await(client.submitSegment(new SegmentSubmission(info.getTranscoder(), segData,
        Base64.getEncoder().encodeToString(payment.toByteArray()), segment, 1770)));

    assertThat(reply.result().getError()).isEmpty();
    assertThat(reply.result().getSeq()).isEqualTo(4);
    assertThat(reply.uploadNanos()).isPositive().isLessThanOrEqualTo(reply.totalNanos());
    assertThat(reply.result().getInfo().getAuthToken()).isEqualTo(info.getAuthToken());
    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    for (TranscodedSegmentData rendition : reply.result().getData().getSegmentsList()) {
      byte[] bytes = await(client.download(info.getTranscoder(), rendition.getUrl()));
      assertThat(MediaProbe.probe(bytes).pixels()).isEqualTo(rendition.getPixels()).isPositive();
      hashes.writeBytes(Keccak.keccak256(bytes));
    }
    assertThat(LivepeerSignatures.verify(NODE_KEY.address(), hashes.toByteArray(),
        reply.result().getData().getSig().toByteArray())).isTrue();
    assertThat(o.work()).anyMatch(w -> w.sessionId().equals(info.getAuthToken().getSessionId()) && w.seqNo() == 4
        && w.outcome() == SegmentRecord.Outcome.VERIFIED);
  }

  @Test
  void orchestratorErrorsArriveWithTheirGoLivepeerText() throws Exception {
    OrchestratorRequest forged = credentials.orchestratorRequest(JOB).toBuilder().setSig(ByteString.copyFrom(new byte[65])).build();
    OrchestratorCallException rejected = failure(client.getOrchestrator(o.serviceUri, forged, 8_000));
    assertThat(rejected).hasMessage("Invalid orchestrator request: orchestrator req sig check failed");

    OrchestratorInfo info = await(client.getOrchestrator(o.serviceUri, credentials.orchestratorRequest(JOB), 8_000));
    String segData = credentials.segmentHeader("client-test", 5, segment, 1770, LADDER, JOB, info.getAuthToken());
    OrchestratorCallException unpaid = failure(client.submitSegment(new SegmentSubmission(info.getTranscoder(),
        segData, "!!!", segment, 1770)));
    assertThat(unpaid.getMessage()).startsWith("base64 decode error");
    assertThat(unpaid.reached()).as("the orchestrator answered").isTrue();

    OrchestratorCallException missing = failure(client.download(o.serviceUri, o.serviceUri + "/stream/nosuch/P144p30fps16x9/1.ts"));
    assertThat(missing.getMessage()).contains("status 404");
  }

  @Test
  void anOrchestratorThatIsGoneFailsFastWithoutReachingIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    long started = System.nanoTime();
    OrchestratorCallException refused = failure(client.submitSegment(new SegmentSubmission(
        "https://127.0.0.1:" + closedPort, "x", "", new byte[10], 2000)));
    assertThat(refused.reached()).isFalse();
    assertThat(failure(client.getOrchestrator("https://127.0.0.1:" + closedPort,
        credentials.orchestratorRequest(JOB), 8_000)).reached()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
    assertThat(failure(client.getOrchestrator("http://127.0.0.1:" + closedPort,
        credentials.orchestratorRequest(JOB), 8_000))).hasMessageContaining("must be https://");
  }

  @Test
  void silentOrchestratorsHitGoLivepeersTimeouts() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.generate("127.0.0.1", dir.resolve("silent"));
    HttpServer silent = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
            .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.certPem()))
                .setKeyValue(Buffer.buffer(certificate.keyPem()))))
        .requestHandler(request -> {
          if (request.path().equals("/slow-body")) {
            request.response().setChunked(true).write("partial"); // headers, then nothing
          }
          // anything else: never answered
        })
        .listen(0, "127.0.0.1"));
    String uri = "https://127.0.0.1:" + silent.actualPort();
    try {
      long started = System.nanoTime();
      OrchestratorCallException noHeaders = failure(client.submitSegment(new SegmentSubmission(uri, "x", "",
          new byte[10], 1000)));
      long headerWait = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(noHeaders).hasMessage("header timeout: context deadline exceeded");
      assertThat(noHeaders.reached()).isFalse();
      assertThat(headerWait).as("max(2 s, duration / 2)").isBetween(1_900L, 3_500L);

      started = System.nanoTime();
      OrchestratorCallException slow = failure(client.download(uri, uri + "/slow-body"));
      assertThat(slow).hasMessage("body timeout: context deadline exceeded");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("4 s for a download").isBetween(3_900L, 5_500L);
    } finally {
      await(silent.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static OrchestratorCallException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(OrchestratorCallException.class);
      return (OrchestratorCallException) e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
