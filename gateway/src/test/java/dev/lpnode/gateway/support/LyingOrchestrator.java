package dev.lpnode.gateway.support;

import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.orchestrator.server.OrchestratorRpc;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.orchestrator.server.SelfSignedCertificate;
import dev.lpnode.orchestrator.server.ServiceServer;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.EndTranscodingSessionResponse;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.PingPong;
import dev.lpnode.wire.net.TranscodeData;
import dev.lpnode.wire.net.TranscodeResult;
import dev.lpnode.wire.net.TranscodedSegmentData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An orchestrator that does real work but lies about it: a proxy with its own service URI in front
 * of a real orchestrator, which alters each result it returns. Its rendition URLs are on its own
 * origin (it proxies their downloads), unless the lie is about where they are.
 */
public final class LyingOrchestrator implements AutoCloseable {
  /** What it lies about. */
  public enum Lie {
    /** Reports more pixels than each rendition has; renditions and signature are real, so only a pixel count catches it. */
    PIXELS,
    /** Returns the real renditions with a signature that is not over them. */
    SIGNATURE,
    /** Points every rendition URL at another host (its {@code foreignUrl}), e.g. the gateway node's operator API. */
    FOREIGN_URL,
    /** Answers its own rendition URLs with a redirect to the real orchestrator's. */
    REDIRECT,
    /**
     * Serves bytes that are not media for every rendition and signs their hashes with the real
     * orchestrator's key ({@link #garbage}): the one fault a gateway can prove.
     */
    GARBAGE
  }

  private final Lie lie;
  private final Vertx vertx = Vertx.vertx();
  private final OrchestratorClient upstream = new OrchestratorClient(vertx);
  private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
      .setVerifyHost(false).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
  private final String realUri;
  private final ServiceServer server;
  private final AtomicInteger segments = new AtomicInteger();
  private final String foreignUrl;
  private final SigningKey key;
  public final String serviceUri;

  public LyingOrchestrator(String realUri, Lie lie, Path dir) throws Exception {
    this(realUri, lie, dir, null, null);
  }

  /** With {@link Lie#FOREIGN_URL}: renditions are said to be at {@code foreignUrl}. */
  public LyingOrchestrator(String realUri, Lie lie, Path dir, String foreignUrl) throws Exception {
    this(realUri, lie, dir, foreignUrl, null);
  }

  /** {@link Lie#GARBAGE}, signed with {@code key}: the real orchestrator's, so that the signature is valid. */
  public static LyingOrchestrator garbage(String realUri, Path dir, SigningKey key) throws Exception {
    return new LyingOrchestrator(realUri, Lie.GARBAGE, dir, null, key);
  }

  private LyingOrchestrator(String realUri, Lie lie, Path dir, String foreignUrl, SigningKey key) throws Exception {
    this.realUri = realUri;
    this.lie = lie;
    this.foreignUrl = foreignUrl;
    this.key = key;
    SelfSignedCertificate certificate = SelfSignedCertificate.generate("127.0.0.1", dir);
    this.server = ServiceServer.start(vertx, "127.0.0.1", 0, certificate, new Rpc(), null, this::http)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    this.serviceUri = "https://127.0.0.1:" + server.port();
  }

  /** The real orchestrator's last result before the lie: its signature, rendition URLs and pixels. */
  private volatile TranscodeData honest;

  /** What the real orchestrator signed for the last segment: its signature and its renditions' bytes, fetched again. */
  public record Signed(byte[] signature, List<byte[]> renditions) {}

  public Signed honestResult() {
    TranscodeData data = Objects.requireNonNull(honest, "no result yet");
    List<byte[]> renditions = new ArrayList<>();
    for (TranscodedSegmentData s : data.getSegmentsList()) {
      renditions.add(block(http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(s.getUrl()))
          .compose(get -> get.send()).compose(response -> response.body())).getBytes());
    }
    return new Signed(data.getSig().toByteArray(), renditions);
  }

  /** Segments it was sent. */
  public int segments() {
    return segments.get();
  }

  /** Forwards discovery, naming itself as the orchestrator's service URI. */
  private final class Rpc implements OrchestratorRpc {
    @Override
    public OrchestratorInfo getOrchestrator(OrchestratorRequest request) {
      OrchestratorInfo info = block(upstream.getOrchestrator(realUri, request, 8_000));
      return info.toBuilder().setTranscoder(serviceUri).build();
    }

    @Override
    public EndTranscodingSessionResponse endTranscodingSession(EndTranscodingSessionRequest request) {
      return block(upstream.endTranscodingSession(realUri, request));
    }

    @Override
    public PingPong ping(PingPong request) {
      throw new RpcException("not supported");
    }
  }

  private static <T> T block(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new OrchestratorRpc.RpcException(String.valueOf(cause.getMessage()));
    }
  }

  /** {@code /segment}: forwarded, and the result altered; renditions: proxied (or redirected). */
  private void http(HttpServerRequest request) {
    if (request.path().startsWith("/stream/")) {
      rendition(request);
      return;
    }
    if (!request.path().equals("/segment")) {
      request.response().setStatusCode(404).end();
      return;
    }
    segments.incrementAndGet();
    request.body()
        .compose(body -> http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(realUri + "/segment")
                .putHeader("Livepeer-Segment", request.getHeader("Livepeer-Segment"))
                .putHeader("Livepeer-Payment", request.getHeader("Livepeer-Payment"))
                .putHeader("Content-Type", "video/MP2T"))
            .compose(forward -> forward.send(body)))
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            request.response().setStatusCode(response.statusCode()).end(body);
            return null;
          }
          try {
            TranscodeResult result = TranscodeResult.parseFrom(body.getBytes());
            if (result.hasData()) {
              honest = result.getData();
            }
            request.response().setStatusCode(200).end(Buffer.buffer(lie(result).toByteArray()));
          } catch (Exception e) {
            request.response().setStatusCode(500).end(e.toString());
          }
          return null;
        }))
        .onFailure(e -> request.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
  }

  /** What {@link Lie#GARBAGE} serves for a rendition path: the same bytes every time, not media. */
  public static byte[] garbage(String path) {
    return ("not media: " + path + "\n").repeat(64).getBytes(StandardCharsets.UTF_8);
  }

  private void rendition(HttpServerRequest request) {
    if (lie == Lie.GARBAGE) {
      request.response().setStatusCode(200).putHeader("Content-Type", "video/MP2T").end(Buffer.buffer(garbage(request.path())));
      return;
    }
    String real = realUri + request.uri();
    if (lie == Lie.REDIRECT) {
      request.response().setStatusCode(302).putHeader("Location", real).end();
      return;
    }
    http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(real))
        .compose(get -> get.send())
        .compose(response -> response.body().map(body -> request.response().setStatusCode(response.statusCode()).end(body)))
        .onFailure(e -> request.response().setStatusCode(502).end(String.valueOf(e.getMessage())));
  }

  private TranscodeResult lie(TranscodeResult result) {
    TranscodeResult.Builder lie = result.toBuilder();
    if (result.hasInfo()) {
      lie.setInfo(result.getInfo().toBuilder().setTranscoder(serviceUri));
    }
    if (!result.hasData()) {
      return lie.build();
    }
    TranscodeData.Builder data = result.getData().toBuilder().clearSegments();
    for (TranscodedSegmentData s : result.getData().getSegmentsList()) {
      TranscodedSegmentData.Builder rendition = s.toBuilder()
          .setUrl(this.lie == Lie.FOREIGN_URL ? foreignUrl : s.getUrl().replace(realUri, serviceUri));
      if (this.lie == Lie.PIXELS) {
        rendition.setPixels(s.getPixels() + 256 * 144); // one more small frame
      }
      data.addSegments(rendition);
    }
    if (this.lie == Lie.GARBAGE) {
      ByteArrayOutputStream hashes = new ByteArrayOutputStream();
      for (TranscodedSegmentData s : data.getSegmentsList()) {
        hashes.writeBytes(Keccak.keccak256(garbage(URI.create(s.getUrl()).getPath())));
      }
      data.setSig(com.google.protobuf.ByteString.copyFrom(LivepeerSignatures.sign(key, hashes.toByteArray())));
    }
    if (this.lie == Lie.SIGNATURE) {
      byte[] sig = result.getData().getSig().toByteArray();
      sig[0] ^= 1;
      data.setSig(com.google.protobuf.ByteString.copyFrom(sig));
    }
    return lie.setData(data).build();
  }

  @Override
  public void close() throws Exception {
    server.shutdown(Duration.ZERO).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
