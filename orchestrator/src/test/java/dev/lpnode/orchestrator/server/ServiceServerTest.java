package dev.lpnode.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.lpnode.orchestrator.testing.GrpcJavaClient;
import dev.lpnode.orchestrator.testing.InsecureHttp;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.EndTranscodingSessionResponse;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.PingPong;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
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
    server = ServiceServer.start(vertx, "127.0.0.1", 0, cert, RPC, req -> {
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
}
