package dev.lpnode.orchestrator;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.InsecureHttp;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.orchestrator.testing.RawTls;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.SegData;
import dev.lpnode.wire.net.TranscodeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport-level abuse of /segment: lying lengths, stalled bodies, stale tokens, and plain HTTP/1.1. */
class SegmentTransportTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9");
  private OrchestratorHarness o;
  private GatewayClient gateway;
  private OrchestratorInfo info;
  private SenderSession session;
  private byte[] segment;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    o = new OrchestratorHarness(dir, 2);
    gateway = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
    info = gateway.getOrchestrator();
    session = gateway.startSession(info);
    segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
  }

  @AfterEach
  void stop() {
    gateway.close();
    o.close();
  }

  private String headers(long contentLength) throws Exception {
    SegData segData = gateway.segData(info, "s", 1, segment, 1770, LADDER);
    return "POST /segment HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: video/MP2T\r\n"
        + "Livepeer-Segment: " + base64(segData) + "\r\n"
        + "Livepeer-Payment: " + base64(gateway.payment(session, 2, info)) + "\r\n"
        + "Content-Length: " + contentLength + "\r\n\r\n";
  }

  @Test
  void oversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    try (RawTls raw = new RawTls(o.port())) {
      raw.send(headers(300_000_001L), new byte[1000]);
      String response = raw.readResponse(5000);
      assertThat(response).startsWith("HTTP/1.1 500").contains("input bigger than max buffer size\n");
    }
    assertThat(o.transcoder.calls()).isZero();
    assertStillServing();
  }

  @Test
  void clientThatNeverFinishesItsBodyTimesOut() throws Exception {
    try (RawTls raw = new RawTls(o.port())) {
      raw.send(headers(segment.length), Arrays.copyOf(segment, segment.length / 2));
      long started = System.nanoTime();
      String response = raw.readResponse(15_000);
      assertThat(response).startsWith("HTTP/1.1 500").contains("read timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(12));
    }
    assertThat(o.transcoder.calls()).isZero();
    assertStillServing();
  }

  @Test
  void expiredAuthTokenIsRefused() throws Exception {
    o.clock.advance(Duration.ofMinutes(31));
    SegData segData = gateway.segData(info, "s", 1, segment, 1770, LADDER);
    HttpResponse<byte[]> response = gateway.post(o.serviceUri, base64(segData), base64(gateway.payment(session, 2, info)), segment);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body())).isEqualTo("expired auth token\n");
    assertThat(o.transcoder.calls()).isZero();
  }

  /** go-livepeer's gateway forces HTTP/2, but the port speaks HTTP/1.1 too (chunked TranscodeResult). */
  private void assertStillServing() throws Exception {
    SegData segData = gateway.segData(info, "s", 2, segment, 1770, LADDER);
    HttpResponse<byte[]> response = InsecureHttp.client(HttpClient.Version.HTTP_1_1).send(
        HttpRequest.newBuilder(URI.create(o.serviceUri + "/segment")).timeout(Duration.ofSeconds(60))
            .header("Livepeer-Segment", base64(segData))
            .header("Livepeer-Payment", base64(gateway.payment(session, 2, info)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(segment)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(TranscodeResult.parseFrom(response.body()).getData().getSegmentsCount()).isEqualTo(1);
  }
}
