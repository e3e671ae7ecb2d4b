package dev.lpnode.orchestrator.server;

import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.http.PortDeadlines;
import dev.lpnode.http.PortGuard;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.PingPong;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's public port: TLS with ALPN {@code h2} and {@code http/1.1} (grpc-go gateways
 * refuse TLS without h2). HTTP/2 requests whose Content-Type starts with {@code application/grpc}
 * go to the {@code net.Orchestrator} gRPC service (and {@code net.Transcoder} when remote transcoders
 * are accepted); every other request goes to the HTTP handler
 * ({@code /segment}, {@code /stream/...}, {@code /healthz}).
 */
public final class ServiceServer {
  private static final ThrottledLog FAILED = ThrottledLog.warn(LoggerFactory.getLogger(ServiceServer.class));
  private static final ServiceName SERVICE = ServiceName.create("net", "Orchestrator");
  private static final ServiceName TRANSCODER_SERVICE = ServiceName.create("net", "Transcoder");
  /** Go's default header limit; payment headers carrying many tickets exceed Vert.x's 8 KiB. */
  private static final int MAX_HEADER_BYTES = 1 << 20;
  /** go-livepeer's HTTP idle timeout. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private final HttpServer server;

  private ServiceServer(HttpServer server) {
    this.server = server;
  }

  /**
   * HTTP/2 flow-control windows: with the default 64 KiB a 1 MB segment upload waits for a dozen
   * WINDOW_UPDATE round trips. A paused body (backpressure) buffers at most this much per stream.
   */
  private static final int STREAM_WINDOW = 4 << 20;
  private static final int CONNECTION_WINDOW = 16 << 20;

  /**
   * Starts listening on {@code host:port} (port 0 picks a free one).
   *
   * @param transcoders the {@code net.Transcoder} service, or null when remote transcoders are not
   *                    accepted (their registrations then get gRPC's UNIMPLEMENTED, as from go-livepeer)
   */
  public static Future<ServiceServer> start(Vertx vertx, String host, int port, SelfSignedCertificate certificate,
      OrchestratorRpc rpc, TranscoderRpc transcoders, Handler<HttpServerRequest> http) {
    GrpcServer grpc = GrpcServer.server(vertx);
    unary(vertx, grpc, "GetOrchestrator", OrchestratorRequest.getDefaultInstance(), rpc::getOrchestrator);
    unary(vertx, grpc, "EndTranscodingSession", EndTranscodingSessionRequest.getDefaultInstance(), rpc::endTranscodingSession);
    unary(vertx, grpc, "Ping", PingPong.getDefaultInstance(), rpc::ping);
    if (transcoders != null) {
      ServiceMethod<RegisterRequest, NotifySegment> register = ServiceMethod.server(TRANSCODER_SERVICE, "RegisterTranscoder",
          GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(RegisterRequest.getDefaultInstance()));
      grpc.callHandler(register, call -> call.handler(request -> transcoders.registerTranscoder(call, request)));
    }

    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        // BoringSSL when its natives load (linux-x86_64), else the JDK's engine.
        .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(certificate.certPem()))
            .setKeyValue(Buffer.buffer(certificate.keyPem())))
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setInitialSettings(new Http2Settings().setMaxHeaderListSize(MAX_HEADER_BYTES).setInitialWindowSize(STREAM_WINDOW))
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW)
        .setCompressionSupported(false);

    Handler<HttpServerRequest> dispatch = request -> {
      String type = request.getHeader("content-type");
      if (request.version() == HttpVersion.HTTP_2 && type != null && type.startsWith("application/grpc")) {
        grpc.handle(request);
      } else {
        http.handle(request);
      }
    };
    return PortGuard.create(vertx, "orchestrator", options, PortDeadlines.withIdle(IDLE_TIMEOUT), dispatch).listen()
        .map(ServiceServer::new);
  }

  /** Registers a unary method whose handler runs on a worker thread (it may block on payments). */
  private static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.MessageLite> void unary(
      Vertx vertx, GrpcServer grpc, String method, Q prototype, Function<Q, R> handler) {
    ServiceMethod<Q, R> serviceMethod = ServiceMethod.server(SERVICE, method,
        GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(prototype));
    grpc.callHandler(serviceMethod, (GrpcServerRequest<Q, R> call) -> call.handler(request ->
        vertx.executeBlocking(() -> handler.apply(request), false).onComplete(done -> {
          if (done.succeeded()) {
            call.response().send(done.result());
          } else if (done.cause() instanceof OrchestratorRpc.RpcException e) {
            call.response().status(GrpcStatus.UNKNOWN).statusMessage(e.getMessage()).end();
          } else {
            FAILED.log("grpc: " + method + " failed", "{}", done.cause()); // whoever asked may have caused it
            call.response().status(GrpcStatus.INTERNAL).statusMessage("internal error").end();
          }
        })));
  }

  public int port() {
    return server.actualPort();
  }

  /** Stops accepting connections and lets in-flight requests finish for up to {@code timeout}. */
  public Future<Void> shutdown(Duration timeout) {
    return server.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
