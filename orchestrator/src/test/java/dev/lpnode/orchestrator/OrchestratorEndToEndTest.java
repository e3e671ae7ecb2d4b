package dev.lpnode.orchestrator;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.NODE_KEY;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.PRICE_PER_PIXEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.GrpcJavaClient;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.transcoder.MediaInfo;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.SegData;
import dev.lpnode.wire.net.TranscodeResult;
import dev.lpnode.wire.net.TranscodedSegmentData;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A gateway speaking real gRPC and HTTP/2, paying with real tickets, against a real orchestrator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorEndToEndTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9,P240p30fps16x9");
  private static final Path TESTDATA = Path.of(System.getProperty("lpnode.testdata"));

  private OrchestratorHarness o;
  private GatewayClient gateway;
  private byte[] segment;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    o = new OrchestratorHarness(dir, 4);
    gateway = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
    segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
  }

  @AfterAll
  void stop() {
    gateway.close();
    o.close();
  }

  @Test
  void paidSegmentIsTranscodedVerifiedBilledAndSigned() throws Exception {
    OrchestratorInfo info = gateway.getOrchestrator();
    assertThat(info.getTranscoder()).isEqualTo(o.serviceUri);
    assertThat(info.getAddress().toByteArray()).isEqualTo(NODE_KEY.address().toBytes());
    assertThat(info.getPriceInfo().getPricePerUnit()).isEqualTo(PRICE_PER_PIXEL);
    assertThat(info.getTicketParams().getRecipient().toByteArray()).isEqualTo(NODE_KEY.address().toBytes());
    assertThat(info.getCapabilities().getBitstring(0)).isEqualTo(0x4005FFFL);
    assertThat(info.getAuthToken().getSessionId()).matches("[0-9a-f]{8}");

    SenderSession session = gateway.startSession(info);
    int tickets = 3;
    Payment payment = gateway.payment(session, tickets, info);
    SegData segData = gateway.segData(info, "stream-1", 7, segment, 1770, LADDER);
    HttpResponse<byte[]> response = gateway.post(o.serviceUri, base64(segData), base64(payment), segment);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
    TranscodeResult result = TranscodeResult.parseFrom(response.body());
    assertThat(result.getError()).isEmpty();
    assertThat(result.getSeq()).isEqualTo(7);
    List<TranscodedSegmentData> renditions = result.getData().getSegmentsList();
    assertThat(renditions).hasSize(2);

    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    long pixels = 0;
    for (int i = 0; i < renditions.size(); i++) {
      TranscodedSegmentData r = renditions.get(i);
      assertThat(r.getUrl()).isEqualTo(o.serviceUri + "/stream/" + info.getAuthToken().getSessionId() + "/"
          + LADDER.get(i).name() + "/7.ts");
      byte[] bytes = gateway.download(r.getUrl());
      MediaInfo probed = MediaProbe.probe(bytes);
      assertThat(probed.pixels()).as("pixels of %s", LADDER.get(i).name()).isEqualTo(r.getPixels()).isPositive();
      assertThat(probed.keyframeFirst()).isTrue();
      hashes.writeBytes(Keccak.keccak256(bytes));
      pixels += r.getPixels();
    }
    assertThat(LivepeerSignatures.verify(NODE_KEY.address(), hashes.toByteArray(), result.getData().getSig().toByteArray()))
        .as("rendition signature recovers to the node address").isTrue();

    Rational credited = session.ticketEV().multiply(Rational.of(tickets));
    Rational debited = Rational.of(PRICE_PER_PIXEL).multiply(Rational.of(pixels));
    assertThat(o.balances.balance(GATEWAY_KEY.address(), info.getAuthToken().getSessionId()))
        .isEqualTo(credited.subtract(debited));
    SegmentRecord work = o.work().stream().filter(w -> w.seqNo() == 7).findFirst().orElseThrow();
    assertThat(work.outcome()).isEqualTo(SegmentRecord.Outcome.VERIFIED);
    assertThat(work.orchestrator()).isEqualTo(NODE_KEY.address());
    assertThat(work.pixels()).isEqualTo(java.math.BigInteger.valueOf(pixels));
    assertThat(work.fees()).isEqualTo(debited.floor());
    assertThat(work.sessionId()).isEqualTo(info.getAuthToken().getSessionId());
    assertThat(work.sender()).isEqualTo(GATEWAY_KEY.address());
    assertThat(work.transcodeTime()).isPositive();

    assertThat(result.getInfo().getAuthToken()).isEqualTo(info.getAuthToken());
    assertThat(result.getInfo().getTicketParams().getRecipientRandHash())
        .as("fresh ticket params with every result").isNotEqualTo(info.getTicketParams().getRecipientRandHash());
  }

  @Test
  void badHeadersAndBodiesGetGoLivepeerStatusesAndCostNothing() throws Exception {
    OrchestratorInfo info = gateway.getOrchestrator();
    SenderSession session = gateway.startSession(info);
    SegData good = gateway.segData(info, "stream-2", 1, segment, 1770, LADDER);
    int transcodesBefore = o.transcoder.calls();

    expect(post(base64(good), "!!!", segment), 402, "base64 decode error");
    expect(post(base64(good), Base64Of(new byte[] {(byte) 0xff, (byte) 0xff}), segment), 402, "protobuf unmarshal error");
    expect(post("%%%", base64(gateway.payment(session, 1, info)), segment), 403, "ErrorSegEncoding");
    expect(post(Base64Of(new byte[] {(byte) 0xff, 1}), base64(gateway.payment(session, 1, info)), segment), 403, null);

    SegData wrongSigner = good.toBuilder().setSig(ByteString.copyFrom(LivepeerSignatures.sign(
        SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"), new byte[] {1}))).build();
    expect(post(base64(wrongSigner), base64(gateway.payment(session, 1, info)), segment), 403, "ErrSegSig");

    SegData forgedToken = gateway.segData(info.toBuilder().setAuthToken(info.getAuthToken().toBuilder()
        .setToken(ByteString.copyFrom(new byte[32]))).build(), "stream-2", 1, segment, 1770, LADDER);
    expect(post(base64(forgedToken), base64(gateway.payment(session, 1, info)), segment), 403, "invalid auth token");

    SegData noToken = gateway.segData(info, "stream-2", 1, segment, 1770, LADDER).toBuilder().clearAuthToken().build();
    expect(post(base64(noToken), base64(gateway.payment(session, 1, info)), segment), 403, "missing auth token");

    SegData badDuration = gateway.segData(info, "stream-2", 1, segment, 400_000, LADDER);
    expect(post(base64(badDuration), base64(gateway.payment(session, 1, info)), segment), 403, "invalid duration");

    Payment wrongRandHash = gateway.payment(session, 1, info).toBuilder()
        .setTicketParams(info.getTicketParams().toBuilder().clearExpirationParams()
            .setRecipientRandHash(ByteString.copyFrom(new byte[32]))).build();
    expect(post(base64(good), base64(wrongRandHash), segment), 400, "invalid recipientRand for ticket recipientRandHash");

    Payment once = gateway.payment(session, 1, info);
    byte[] other = segment.clone();
    other[other.length - 1] ^= 1;
    expect(post(base64(good), base64(once), other), 403, "Forbidden");
    expect(post(base64(good), base64(once), segment), 400, "invalid ticket senderNonce: already seen");

    // An empty payment claiming a price of 0 must not open a free session at a node that charges.
    OrchestratorInfo fresh = gateway.getOrchestrator();
    Payment empty = Payment.newBuilder().setSender(ByteString.copyFrom(GATEWAY_KEY.address().toBytes())).build();
    SegData freeRide = gateway.segData(fresh, "stream-2", 1, segment, 1770, LADDER);
    expect(post(base64(freeRide), base64(empty), segment), 400, "Insufficient balance");
    expect(post(base64(freeRide), base64(empty), segment), 400, "Insufficient balance");

    assertThat(o.transcoder.calls()).as("nothing was transcoded").isEqualTo(transcodesBefore);

    // Bodies that pass every check but are not video reach the engine and come back as TranscodeResult.error.
    for (byte[] body : List.of(new byte[0], randomBytes(50_000))) {
      SegData segData = gateway.segData(info, "stream-2", 2, body, 2000, LADDER);
      HttpResponse<byte[]> response = post(base64(segData), base64(gateway.payment(session, 1, info)), body);
      assertThat(response.statusCode()).isEqualTo(200);
      TranscodeResult result = TranscodeResult.parseFrom(response.body());
      assertThat(result.getError()).isEqualTo("TranscoderInvalidVideo");
      assertThat(result.getData().getSegmentsCount()).isZero();
    }

    // ... and the node keeps serving.
    SegData next = gateway.segData(info, "stream-2", 3, segment, 1770, LADDER);
    HttpResponse<byte[]> ok = post(base64(next), base64(gateway.payment(session, 2, info)), segment);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(TranscodeResult.parseFrom(ok.body()).getData().getSegmentsCount()).isEqualTo(2);
  }

  @Test
  void noKeyframeSegmentIsAClassifiedErrorNotA5xx() throws Exception {
    OrchestratorInfo info = gateway.getOrchestrator();
    SenderSession session = gateway.startSession(info);
    byte[] kryp2 = Files.readAllBytes(TESTDATA.resolve("kryp-2.ts"));
    SegData segData = gateway.segData(info, "stream-3", 0, kryp2, 1170, LADDER);
    HttpResponse<byte[]> response = post(base64(segData), base64(gateway.payment(session, 2, info)), kryp2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TranscodeResult.parseFrom(response.body()).getError()).isEqualTo("No keyframes in input");
  }

  @Test
  void discoveryChecksTheGatewaySignatureAndFunds() {
    assertThat(gateway.getOrchestrator().hasTicketParams()).isTrue();
    try (GrpcJavaClient grpc = new GrpcJavaClient("127.0.0.1", o.port())) {
      OrchestratorRequest claimsFundedGateway = OrchestratorRequest.newBuilder()
          .setAddress(ByteString.copyFrom(GATEWAY_KEY.address().toBytes()))
          .setSig(ByteString.copyFrom(new byte[65])).build();
      assertThatThrownBy(() -> grpc.call("GetOrchestrator", claimsFundedGateway, OrchestratorInfo.parser()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessage("UNKNOWN: Invalid orchestrator request: orchestrator req sig check failed");
    }
    try (GatewayClient unfunded = new GatewayClient(
        SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"), o.sender, o.port())) {
      assertThatThrownBy(unfunded::getOrchestrator)
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessage("UNKNOWN: insufficient sender reserve");
    }
  }

  private HttpResponse<byte[]> post(String segmentHeader, String paymentHeader, byte[] body) throws Exception {
    return gateway.post(o.serviceUri, segmentHeader, paymentHeader, body);
  }

  private static void expect(HttpResponse<byte[]> response, int status, String textStart) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as("status for %s", body.strip()).isEqualTo(status);
    assertThat(body).endsWith("\n");
    if (textStart != null) {
      assertThat(body).startsWith(textStart);
    }
  }

  private static String Base64Of(byte[] bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(1).nextBytes(b);
    return b;
  }
}
