package dev.lpnode.orchestrator;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.orchestrator.segment.SegmentLimits;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.InsecureHttp;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.orchestrator.testing.RawTls;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.SegData;
import dev.lpnode.wire.net.TranscodeResult;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paid segment costs what it declares and no more: content beyond its declared duration, bodies beyond
 * what that duration allows or beyond the node's memory for uploads, and gateways that hang up are
 * refused or stopped, and the reply always completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentCostTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9");
  private static final Path TESTDATA = Path.of(System.getProperty("lpnode.testdata"));
  /** Uploads held at once: room for one real segment, not for two 5 MB ones. */
  private static final long HELD_BYTES = 8_000_000;

  private OrchestratorHarness o;
  private GatewayClient gateway;
  private byte[] segment;
  private byte[] longSegment;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    o = new OrchestratorHarness(dir, 20, new SegmentLimits(Duration.ofSeconds(30), HELD_BYTES));
    gateway = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
    segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
    longSegment = Files.readAllBytes(TESTDATA.resolve("bad-cuvid.ts")); // 16.7 s of 1080p, 3.5 MB
  }

  @AfterAll
  void stop() {
    gateway.close();
    o.close();
  }

  @Test
  void realVideoFarLongerThanDeclaredIsRefusedBeforeAnyDecodingAndOthersAreServed() throws Exception {
    Paid hostile = paid("hostile", 1, longSegment, 500);
    CompletableFuture<HttpResponse<byte[]>> honest = paid("honest", 1, segment, 1770).sendAsync();
    long started = System.nanoTime();
    TranscodeResult refused = TranscodeResult.parseFrom(hostile.send().body());

    assertThat(refused.getError()).startsWith("segment content exceeds its declared duration");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(o.work()).noneMatch(w -> w.sessionId().equals(hostile.session()));
    TranscodeResult served = TranscodeResult.parseFrom(honest.get(60, TimeUnit.SECONDS).body());
    assertThat(served.getError()).isEmpty();
    assertThat(served.getData().getSegmentsCount()).isEqualTo(1);
  }

  @Test
  void theTranscodeGetsWhatIsLeftOfTheGatewaysDeadline() throws Exception {
    Paid paid = paid("deadline", 1, segment, 1770);
    assertThat(paid.send().statusCode()).isEqualTo(200);
    Duration timeout = o.transcoder.last().timeout();
    assertThat(timeout).isLessThanOrEqualTo(Duration.ofSeconds(8)).isGreaterThan(Duration.ofSeconds(5));
  }

  @Test
  void aBodyLargerThanItsDeclaredDurationAllowsIsRefusedUnread() throws Exception {
    byte[] big = new byte[(int) SegmentLimits.maxBodyBytes(500) + 1];
    int before = o.transcoder.calls();
    HttpResponse<byte[]> response = paid("big", 1, big, 500).send();
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("input bigger than max buffer size\n");
    assertThat(o.transcoder.calls()).isEqualTo(before);
  }

  @Test
  void uploadsBeyondTheNodesMemoryForThemGet503AndTheirConnectionClosed() throws Exception {
    byte[] five = randomBytes(5_000_000);
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The first upload declares 5 MB and stalls after 64 KB: its 5 MB stay held.
    CompletableFuture<HttpResponse<byte[]>> first = paid("held", 1, five, 2000).sendAsync(new InputStream() {
      private int sent;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        if (sent >= five.length) {
          return -1;
        }
        if (sent >= 65_536) {
          stalled.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new java.io.IOException(e);
          }
        }
        int n = Math.min(len, Math.min(65_536, five.length - sent));
        System.arraycopy(five, sent, b, off, n);
        sent += n;
        return n;
      }
    });
    assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();

    try (RawTls raw = new RawTls(o.port())) {
      Paid second = paid("refused", 1, five, 2000);
      raw.send("POST /segment HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: video/MP2T\r\nContent-Length: " + five.length
          + "\r\nLivepeer-Segment: " + second.segmentHeader() + "\r\nLivepeer-Payment: " + second.paymentHeader()
          + "\r\n\r\n", new byte[0]);
      String answer = raw.readResponse(10_000);
      assertThat(answer).startsWith("HTTP/1.1 503").contains("too many segment bytes being received at once; try again");
      assertThat(raw.closedByServer(10_000)).as("connection closed, body never read").isTrue();
    }
    release.countDown();
    assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    // Once the first is done its bytes are free again.
    assertThat(paid("after", 1, segment, 1770).send().statusCode()).isEqualTo(200);
  }

  @Test
  void aGatewayThatHangsUpHasItsTranscodeStopped() throws Exception {
    int cancelsBefore = o.transcoder.cancels();
    Paid paid = paid("gone", 1, longSegment, 16_680);
    try (RawTls raw = new RawTls(o.port())) {
      raw.send("POST /segment HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: video/MP2T\r\nContent-Length: "
          + longSegment.length + "\r\nLivepeer-Segment: " + paid.segmentHeader() + "\r\nLivepeer-Payment: "
          + paid.paymentHeader() + "\r\n\r\n", longSegment);
      assertThat(raw.readResponse(10_000)).startsWith("HTTP/1.1 200"); // flushed before transcoding
    }
    awaitTrue(() -> o.transcoder.cancels() > cancelsBefore);
    awaitTrue(() -> o.registry.scrape().contains("error_code=\"TranscoderStopped\""));
    assertThat(o.work()).noneMatch(w -> w.sessionId().equals(paid.session()));
  }

  @Test
  void aFailingWorkLogStillCompletesTheReplyWithTheRenditions() throws Exception {
    o.workLogFails = true;
    try {
      HttpResponse<byte[]> response = paid("no-disk", 1, segment, 1770).send();
      assertThat(response.statusCode()).isEqualTo(200);
      TranscodeResult result = TranscodeResult.parseFrom(response.body());
      assertThat(result.getError()).isEmpty();
      assertThat(result.getData().getSegmentsCount()).isEqualTo(1);
    } finally {
      o.workLogFails = false;
    }
  }

  @Test
  void aDeclaredDurationOverTheNodesMaximumIsAnInvalidDuration() throws Exception {
    HttpResponse<byte[]> response = paid("too-long", 1, segment, 31_000).send();
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("invalid duration\n");
  }

  /** A correctly paid and signed segment of its own session, ready to send. */
  private Paid paid(String manifest, long seq, byte[] body, int durationMs) throws Exception {
    OrchestratorInfo info = gateway.getOrchestrator();
    SenderSession session = gateway.startSession(info);
    SegData segData = gateway.segData(info, manifest, seq, body, durationMs, LADDER);
    return new Paid(info.getAuthToken().getSessionId(), base64(segData), base64(gateway.payment(session, 4, info)), body);
  }

  private final class Paid {
    private final String session;
    private final String segmentHeader;
    private final String paymentHeader;
    private final byte[] body;

    Paid(String session, String segmentHeader, String paymentHeader, byte[] body) {
      this.session = session;
      this.segmentHeader = segmentHeader;
      this.paymentHeader = paymentHeader;
      this.body = body;
    }

    String session() {
      return session;
    }

    String segmentHeader() {
      return segmentHeader;
    }

    String paymentHeader() {
      return paymentHeader;
    }

    HttpResponse<byte[]> send() throws Exception {
      return gateway.post(o.serviceUri, segmentHeader, paymentHeader, body);
    }

    CompletableFuture<HttpResponse<byte[]>> sendAsync() {
      return sendAsync(new java.io.ByteArrayInputStream(body));
    }

    CompletableFuture<HttpResponse<byte[]>> sendAsync(InputStream stream) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(o.serviceUri + "/segment"))
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "video/MP2T")
          .header("Livepeer-Segment", segmentHeader)
          .header("Livepeer-Payment", paymentHeader)
          .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream),
              body.length))
          .build();
      return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private static final HttpClient CLIENT = InsecureHttp.client(HttpClient.Version.HTTP_1_1);

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(end);
      Thread.sleep(20);
    }
  }
}
