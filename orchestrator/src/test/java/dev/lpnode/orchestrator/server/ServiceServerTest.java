package dev.lpnode.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.lpnode.orchestrator.testing.GrpcJavaClient;
import dev.lpnode.orchestrator.testing.InsecureHttp;
import dev.lpnode.orchestrator.testing.RawTls;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.EndTranscodingSessionResponse;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.PingPong;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceServerTest {
  @TempDir Path dataDir;
  private Vertx vertx;
  private ServiceServer server;

  /** Answers Ping by echoing reversed bytes, and GetOrchestrator with an error, to exercise both paths. */
  private static final OrchestratorRpc RPC = new OrchestratorRpc() {
    @Override
    public OrchestratorInfo getOrchestrator(OrchestratorRequest request) {
      throw new RpcException("Invalid orchestrator request: OrchestratorCapped");
    }

    @Override
    public EndTranscodingSessionResponse endTranscodingSession(EndTranscodingSessionRequest request) {
      return EndTranscodingSessionResponse.getDefaultInstance();
    }

    @Override
    public PingPong ping(PingPong request) {
      byte[] v = request.getValue().toByteArray();
      byte[] r = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = v[v.length - 1 - i];
      }
      return PingPong.newBuilder().setValue(ByteString.copyFrom(r)).build();
    }
  };

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", dataDir);
    server = ServiceServer.start(vertx, "127.0.0.1", 0, cert, RPC, null, req -> {
      if (req.path().equals("/healthz")) {
        req.response().end("ok " + req.version());
      } else {
        req.response().setStatusCode(404).end();
      }
    }).toCompletionStage().toCompletableFuture().get();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void certificateIsWrittenToTheDataDirectory() throws Exception {
    assertThat(Files.readString(dataDir.resolve("cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Files.readString(dataDir.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("key.pem")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void grpcJavaClientTalksToTheServiceOverTlsH2() {
    try (GrpcJavaClient client = new GrpcJavaClient("127.0.0.1", server.port())) {
      PingPong reply = client.call("Ping", PingPong.newBuilder().setValue(ByteString.copyFromUtf8("abc")).build(), PingPong.parser());
      assertThat(reply.getValue().toStringUtf8()).isEqualTo("cba");

      assertThatThrownBy(() -> client.call("GetOrchestrator", OrchestratorRequest.getDefaultInstance(), OrchestratorInfo.parser()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessage("UNKNOWN: Invalid orchestrator request: OrchestratorCapped");
    }
  }

  @Test
  void plainHttpOnTheSamePortOverBothVersions() throws Exception {
    for (HttpClient.Version version : HttpClient.Version.values()) {
      HttpResponse<String> response = InsecureHttp.client(version).send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(version);
      assertThat(response.body()).isEqualTo("ok " + (version == HttpClient.Version.HTTP_2 ? "HTTP_2" : "HTTP_1_1"));
    }
  }

  @Test
  void tlsHeadersThatTrickleAreCutWhileAnIdleHttp2ConnectionStays() throws Exception {
    // Was: TLS connections that trickled headers were never closed (the idle timeout restarts at each byte).
    io.vertx.core.http.HttpClient h2 = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
        .setTrustAll(true).setVerifyHost(false).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    HttpConnection idle = healthz(h2);
    CompletableFuture<Void> idleClosed = new CompletableFuture<>();
    idle.closeHandler(v -> idleClosed.complete(null));
    long started = System.nanoTime();
    try (RawTls trickler = new RawTls(server.port())) {
      trickler.send("GET /healthz HTTP/1.1\r\nHost: x\r\n", new byte[0]);
      boolean closed = false;
      while (!closed && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)) {
        try {
          trickler.send("X", new byte[0]); // a header byte every 500 ms
          Thread.sleep(500);
        } catch (IOException gone) {
          closed = true;
        }
      }
      assertThat(closed).as("the trickling connection was closed").isTrue();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(20)); // the request head deadline: 10 s
    assertThat(idleClosed).isNotDone();
    assertThat(healthz(h2)).isSameAs(idle);
  }

  private HttpConnection healthz(io.vertx.core.http.HttpClient client) throws Exception {
    return client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/healthz")
        .compose(req -> req.send().compose(res -> res.body().map(body -> {
          assertThat(body.toString()).isEqualTo("ok HTTP_2");
          return req.connection();
        }))).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
