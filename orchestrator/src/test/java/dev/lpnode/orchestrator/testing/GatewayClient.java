package dev.lpnode.orchestrator.testing;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.Capability;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.SegmentSignatureMessage;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.SegData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The gateway's side of the wire protocol, as go-livepeer's gateway speaks it: grpc-java for discovery, HTTP/2 for segments. */
public final class GatewayClient implements AutoCloseable {
  private final SigningKey key;
  private final Sender sender;
  private final GrpcJavaClient grpc;
  private final HttpClient http = InsecureHttp.client(HttpClient.Version.HTTP_2);

  public GatewayClient(SigningKey key, Sender sender, int port) {
    this.key = key;
    this.sender = sender;
    this.grpc = new GrpcJavaClient("127.0.0.1", port);
  }

  public OrchestratorInfo getOrchestrator() {
    OrchestratorRequest request = OrchestratorRequest.newBuilder()
        .setAddress(ByteString.copyFrom(key.address().toBytes()))
        .setSig(ByteString.copyFrom(LivepeerSignatures.sign(key, LivepeerSignatures.addressMessage(key.address()))))
        .build();
    return grpc.call("GetOrchestrator", request, OrchestratorInfo.parser());
  }

  public SenderSession startSession(OrchestratorInfo info) throws Exception {
    return sender.startSession(info.getTicketParams());
  }

  /** The {@code Livepeer-Segment} value for a correctly signed segment. */
  public SegData segData(OrchestratorInfo info, String manifestId, long seq, byte[] segment, int durationMs,
      List<VideoProfile> profiles) {
    byte[] hash = Keccak.keccak256(segment);
    byte[] flat = SegmentSignatureMessage.flatten(manifestId.getBytes(StandardCharsets.UTF_8), seq, hash,
        profiles.stream().map(VideoProfile::name).toList());
    SegData.Builder segData = SegData.newBuilder()
        .setManifestId(ByteString.copyFromUtf8(manifestId))
        .setSeq(seq)
        .setHash(ByteString.copyFrom(hash))
        .setProfiles(ByteString.copyFromUtf8("invalid"))
        .setSig(ByteString.copyFrom(LivepeerSignatures.sign(key, flat)))
        .setDuration(durationMs)
        .setCapabilities(CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.AUTH_TOKEN).toNet("", 1))
        .setAuthToken(info.getAuthToken());
    return WireProfiles.putProfiles(segData, profiles).build();
  }

  public Payment payment(SenderSession session, int tickets, OrchestratorInfo info) throws Exception {
    return sender.createPayment(session, tickets, info.getPriceInfo());
  }

  public HttpResponse<byte[]> post(String serviceUri, String segmentHeader, String paymentHeader, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceUri + "/segment"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "video/MP2T")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (segmentHeader != null) {
      request.header("Livepeer-Segment", segmentHeader);
    }
    if (paymentHeader != null) {
      request.header("Livepeer-Payment", paymentHeader);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public byte[] download(String url) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " -> " + response.statusCode());
    }
    return response.body();
  }

  public static String base64(com.google.protobuf.MessageLite message) {
    return Base64.getEncoder().encodeToString(message.toByteArray());
  }

  @Override
  public void close() {
    grpc.close();
  }
}
