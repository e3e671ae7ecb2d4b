package dev.lpnode.gateway.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.lpnode.http.ArrayBuffer;
import dev.lpnode.http.OrchestratorTls;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.EndTranscodingSessionResponse;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.TranscodeResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The gateway's calls to orchestrators, as go-livepeer's gateway makes them (protocol.md §2–4):
 * gRPC {@code GetOrchestrator} over TLS with ALPN h2, {@code POST /segment} with the
 * {@code Livepeer-Segment} and {@code Livepeer-Payment} headers, and rendition downloads. Like
 * go-livepeer it does not verify the orchestrators' self-signed certificates. gRPC and HTTP share
 * one HTTP/2 connection per orchestrator. Everything is asynchronous; nothing blocks.
 */
public final class OrchestratorClient implements AutoCloseable {
  /** go-livepeer's GRPCConnectTimeout. */
  public static final long CONNECT_TIMEOUT_MS = 3_000;
  /** go-livepeer's GRPCTimeout: a discovery call. */
  public static final long DISCOVERY_TIMEOUT_MS = 8_000;
  /** go-livepeer's refreshTimeout: a session refresh before a segment. */
  public static final long REFRESH_TIMEOUT_MS = 2_500;
  /** go-livepeer's download timeout (HTTPTimeout / 2). */
  public static final long DOWNLOAD_TIMEOUT_MS = 4_000;
  /** go-livepeer's cap on a downloaded rendition. */
  public static final long MAX_DOWNLOAD_BYTES = 300_000_000L;
  /** A TranscodeResult is URLs, pixel counts and a signature: anything this large is not one. */
  static final long MAX_RESULT_BYTES = 16L << 20;
  private static final int MAX_URL_IN_ERROR = 120;

  private static final ServiceName SERVICE = ServiceName.create("net", "Orchestrator");
  private static final ServiceMethod<OrchestratorInfo, OrchestratorRequest> GET_ORCHESTRATOR = ServiceMethod.client(
      SERVICE, "GetOrchestrator", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(OrchestratorInfo.getDefaultInstance()));
  private static final ServiceMethod<EndTranscodingSessionResponse, EndTranscodingSessionRequest> END_SESSION =
      ServiceMethod.client(SERVICE, "EndTranscodingSession", GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(EndTranscodingSessionResponse.getDefaultInstance()));

  private final Vertx vertx;
  private final HttpClient http;
  private final GrpcClient grpc;

  public OrchestratorClient(Vertx vertx) {
    this.vertx = vertx;
    HttpClientOptions options = OrchestratorTls.clientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT_MS)
        .setIdleTimeout(600)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setDecompressionSupported(false);
    this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(16).setHttp2MaxSize(1));
    this.grpc = GrpcClient.client(vertx, http);
  }

  /** {@code net.Orchestrator/GetOrchestrator}; fails with the orchestrator's error text or a transport error. */
  public Future<OrchestratorInfo> getOrchestrator(String serviceUri, OrchestratorRequest request, long timeoutMs) {
    return unary(serviceUri, GET_ORCHESTRATOR, request, timeoutMs);
  }

  /** {@code net.Orchestrator/EndTranscodingSession}: the orchestrator may free the session's resources. */
  public Future<EndTranscodingSessionResponse> endTranscodingSession(String serviceUri,
      EndTranscodingSessionRequest request) {
    return unary(serviceUri, END_SESSION, request, DISCOVERY_TIMEOUT_MS);
  }

  private <Q, R> Future<R> unary(String serviceUri, ServiceMethod<R, Q> method, Q request, long timeoutMs) {
    SocketAddress address;
    try {
      address = address(serviceUri);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new OrchestratorCallException(e.getMessage(), false));
    }
    Promise<R> result = Promise.promise();
    AtomicReference<GrpcClientRequest<Q, R>> call = new AtomicReference<>();
    onContext(() -> {
      long timer = vertx.setTimer(timeoutMs, t -> {
        if (result.tryFail(new OrchestratorCallException("context deadline exceeded", false)) && call.get() != null) {
          call.get().cancel();
        }
      });
      grpc.request(address, method)
          .compose(req -> {
            call.set(req);
            return req.send(request);
          })
          .compose(response -> response.last().recover(e -> Future.failedFuture(
              new OrchestratorCallException(response.status() == null || response.status() == GrpcStatus.OK
                  ? String.valueOf(e.getMessage()) : response.statusMessage() == null ? response.status().toString()
                  : response.statusMessage(), true))))
          .onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
              result.tryComplete(done.result());
            } else {
              result.tryFail(transportError(done.cause(), false));
            }
          });
    });
    return result.future();
  }

  /**
   * {@code POST <transcoder>/segment}. Fails unless the status is 200 and the body a TranscodeResult;
   * the failure's {@link OrchestratorCallException#reached()} says whether the request got a
   * response (so its payment arrived). Timeouts: the response headers within
   * {@link SegmentSubmission#uploadTimeoutMs()}, everything within {@link SegmentSubmission#totalTimeoutMs()}.
   */
  public Future<SegmentReply> submitSegment(SegmentSubmission segment) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(segment.transcoder() + "/segment")
        .putHeader("Livepeer-Segment", segment.segmentHeader())
        .putHeader("Livepeer-Payment", segment.paymentHeader())
        .putHeader("Content-Type", "video/MP2T");
    long started = System.nanoTime();
    return exchange(options, ArrayBuffer.wrap(segment.body()), segment.uploadTimeoutMs(), segment.totalTimeoutMs(),
        MAX_RESULT_BYTES)
        .compose(exchange -> {
          if (exchange.status() != 200) {
            return Future.failedFuture(new OrchestratorCallException(exchange.body().toString().trim(), true));
          }
          try {
            TranscodeResult result = TranscodeResult.parseFrom(exchange.body().getBytes());
            return Future.succeededFuture(new SegmentReply(result, exchange.headersNanos() - started,
                System.nanoTime() - started));
          } catch (InvalidProtocolBufferException e) {
            return Future.failedFuture(new OrchestratorCallException(e.getMessage(), true));
          }
        });
  }

  /**
   * GET a rendition: go-livepeer's 4 s limit, 200 only, at most 300 MB; only from {@code
   * orchestratorUri}'s own origin (the one the segment was sent to), and never following a
   * redirect, so an orchestrator cannot make the gateway request anything from another host.
   */
  public Future<byte[]> download(String orchestratorUri, String url) {
    Optional<Origin> own = Origin.of(orchestratorUri);
    if (own.isEmpty() || !own.equals(Origin.of(url))) {
      return Future.failedFuture(new OrchestratorCallException("rendition URL " + shortened(url)
          + " is not on the orchestrator's origin " + own.map(Origin::toString).orElse(shortened(orchestratorUri)), true));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setFollowRedirects(false);
    return exchange(options, null, DOWNLOAD_TIMEOUT_MS, DOWNLOAD_TIMEOUT_MS, MAX_DOWNLOAD_BYTES)
        .compose(exchange -> exchange.status() == 200
            ? Future.succeededFuture(exchange.body().getBytes())
            : Future.failedFuture(new OrchestratorCallException("GET " + url + ": status " + exchange.status()
                + " " + exchange.body().toString().trim(), true)));
  }

  /** A URL an orchestrator sent, cut short for an error message. */
  private static String shortened(String url) {
    return url.length() <= MAX_URL_IN_ERROR ? url : url.substring(0, MAX_URL_IN_ERROR) + "…";
  }

  /** A response read whole: status, body and when its headers arrived. */
  private record Exchange(int status, Buffer body, long headersNanos) {}

  private Future<Exchange> exchange(RequestOptions options, Buffer body, long headersTimeoutMs, long totalTimeoutMs,
      long maxBodyBytes) {
    Promise<Exchange> result = Promise.promise();
    AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    boolean[] headers = {false};
    Consumer<OrchestratorCallException> abort = e -> {
      if (result.tryFail(e) && request.get() != null) {
        request.get().reset();
      }
    };
    onContext(() -> {
      long headersTimer = vertx.setTimer(headersTimeoutMs, t -> {
        if (!headers[0]) {
          abort.accept(new OrchestratorCallException("header timeout: context deadline exceeded", false));
        }
      });
      long totalTimer = vertx.setTimer(totalTimeoutMs, t -> abort.accept(
          new OrchestratorCallException("body timeout: context deadline exceeded", headers[0])));
      result.future().onComplete(done -> {
        vertx.cancelTimer(headersTimer);
        vertx.cancelTimer(totalTimer);
      });
      http.request(options)
          .compose(req -> {
            request.set(req);
            return body == null ? req.send() : req.send(body);
          })
          .onSuccess(response -> read(response, maxBodyBytes, abort, result, headers))
          .onFailure(e -> abort.accept(transportError(e, false)));
    });
    return result.future();
  }

  /**
   * Runs an exchange on a Vert.x context, so that its response handlers are in place before the
   * context delivers the response body (a caller outside Vert.x could otherwise miss its end).
   */
  private void onContext(Runnable exchange) {
    Context context = vertx.getOrCreateContext();
    if (Vertx.currentContext() == context) {
      exchange.run();
    } else {
      context.runOnContext(v -> exchange.run());
    }
  }

  private static void read(HttpClientResponse response, long maxBodyBytes, Consumer<OrchestratorCallException> abort,
      Promise<Exchange> result, boolean[] headers) {
    headers[0] = true;
    long headersNanos = System.nanoTime();
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBodyBytes) {
        abort.accept(new OrchestratorCallException("response body larger than " + maxBodyBytes + " bytes", true));
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(e -> abort.accept(transportError(e, true)));
    response.endHandler(v -> result.tryComplete(new Exchange(response.statusCode(), body, headersNanos)));
  }

  private static OrchestratorCallException transportError(Throwable e, boolean reached) {
    if (e instanceof OrchestratorCallException known) {
      return known;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new OrchestratorCallException(message, reached, e);
  }

  /** host:port of an {@code https://} service URI (port 443 if none). */
  static SocketAddress address(String serviceUri) {
    URI uri;
    try {
      uri = URI.create(serviceUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid orchestrator URI " + serviceUri);
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("orchestrator URI must be https://host:port, got " + serviceUri);
    }
    return SocketAddress.inetSocketAddress(uri.getPort() < 0 ? 443 : uri.getPort(), uri.getHost());
  }

  @Override
  public void close() {
    grpc.close();
    http.close();
  }
}
