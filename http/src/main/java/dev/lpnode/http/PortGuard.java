package dev.lpnode.http;

import dev.lpnode.config.log.ThrottledLog;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP port of the node (the gateway's ingest and playback, the orchestrator's public
 * TLS port, the operator API) does against hostile clients, in one place:
 *
 * <ul>
 *   <li>deadlines ({@link PortDeadlines}): the TLS handshake (Vert.x's own timer); then, until the
 *       HTTP connection exists (at once for HTTP/1.x; after an HTTP/2 client's preface and
 *       SETTINGS), the request head deadline: the server writes nothing meanwhile, so Vert.x's
 *       write-idle timer is that deadline; then, per connection, {@link HeadDeadline} and the
 *       port's idle timeout;
 *   <li>what clients cause is logged through a {@link ThrottledLog}, without stack traces: requests
 *       Vert.x cannot parse (answered 400, 414 or 431 as Vert.x does), connection errors (TLS
 *       garbage, resets), request targets with malformed percent-escapes (400 before routing:
 *       Vert.x's router threw on them and logged a trace per request), and failures in routes.
 * </ul>
 */
public final class PortGuard {
  /** The name Vert.x gives a connection's idle handler. */
  static final String IDLE = "idle";

  private static final Logger LOG = LoggerFactory.getLogger(PortGuard.class);
  private static final ThrottledLog CLIENTS = ThrottledLog.info(LOG);
  private static final ThrottledLog FAILURES = ThrottledLog.warn(LOG);

  private PortGuard() {}

  /**
   * A server on {@code options} (whose idle timeout is replaced by {@code deadlines}) that serves
   * {@code handler}; {@code port} names it in log lines. Not listening yet.
   */
  public static HttpServer create(Vertx vertx, String port, HttpServerOptions options, PortDeadlines deadlines,
      Handler<HttpServerRequest> handler) {
    HttpServerOptions guarded = new HttpServerOptions(options)
        .setSslHandshakeTimeout(deadlines.tlsHandshake().toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout(0)
        .setReadIdleTimeout(0)
        .setWriteIdleTimeout((int) deadlines.requestHead().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // Cleartext HTTP/2 would make an HTTP/1.x connection only at its first request, too late to
        // watch that request's head; Go's servers (go-livepeer's) do not serve it either.
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(guarded)
        .connectionHandler(connection -> HeadDeadline.install(
            ((HttpServerConnection) connection).channelHandlerContext().pipeline(), deadlines))
        .invalidRequestHandler(request -> {
          CLIENTS.log("http " + port + ": invalid request", "{}: {}", request.remoteAddress(),
              request.decoderResult().cause());
          HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
        })
        .exceptionHandler(e -> CLIENTS.log("http " + port + ": connection error", "{}", e))
        .requestHandler(request -> {
          if (wellEscaped(request.path())) {
            handler.handle(request);
          } else {
            CLIENTS.log("http " + port + ": malformed escape", "{} {}", request.remoteAddress(), request.uri());
            request.response().setStatusCode(400).end("Bad Request");
          }
        });
  }

  /**
   * Routes' failures (an exception, or {@code ctx.fail}) answered as Vert.x's router answers them,
   * but logged at most once per interval per status, without a stack trace, instead of at ERROR
   * with one per request.
   */
  public static void routerFailures(Router router, String port) {
    for (int status = 400; status < 600; status++) {
      if (status == 404 || status == 405) {
        continue; // no route for the request: Vert.x answers these itself, and logs nothing
      }
      int code = status;
      router.errorHandler(code, ctx -> {
        if (ctx.failure() != null) {
          FAILURES.log("http " + port + ": " + code, "{} {}: {}", ctx.request().method(), ctx.request().uri(),
              ctx.failure());
        }
        if (!ctx.response().ended() && !ctx.response().closed()) {
          String reason = HttpResponseStatus.valueOf(code).reasonPhrase();
          ctx.response().setStatusCode(code).setStatusMessage(reason).end(reason);
        }
      });
    }
  }

  /** Whether every {@code %} in a request path starts a two-digit hex escape (RFC 3986 §2.1). */
  static boolean wellEscaped(String path) {
    if (path == null) {
      return true;
    }
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
          || Character.digit(path.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
