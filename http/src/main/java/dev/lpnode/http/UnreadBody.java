package dev.lpnode.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.function.Function;

/**
 * Answers a request whose body will not be read, and makes its client stop sending it. Whatever
 * still arrives is dropped as it comes, never kept, for at most {@link #DRAIN_BYTES} and
 * {@link #DRAIN_MS}: a client that stops after the answer (as RFC 9110 §9.3 allows) or whose body
 * was nearly sent sees the answer whole, where closing at once would reset the connection under the
 * answer (the JDK's client then reports only "received no bytes"). Past that bound, on HTTP/1.x
 * the connection is closed; on HTTP/2 only the stream is reset and the connection's other streams go
 * on (data left unconsumed would hold the connection's flow-control window and stall them). An
 * HTTP/1.x connection is closed once the body has ended, too: the answer said {@code Connection: close}.
 */
public final class UnreadBody {
  static final long DRAIN_BYTES = 1 << 20;
  static final long DRAIN_MS = 2_000;
  private static final long HTTP2_CANCEL = 8;

  private UnreadBody() {}

  /** {@code answer} writes and ends the response; the upload is stopped once it is sent. */
  public static void refuse(HttpServerRequest request, Function<HttpServerResponse, Future<Void>> answer) {
    HttpServerResponse response = request.response();
    boolean http2 = request.version() == HttpVersion.HTTP_2;
    HttpConnection connection = request.connection();
    Runnable stop = http2 ? () -> response.reset(HTTP2_CANCEL) : connection::close;
    if (!http2) {
      response.putHeader("Connection", "close");
    }
    Future<Void> sent = answer.apply(response);
    Vertx vertx = Vertx.currentContext().owner();
    long timer = vertx.setTimer(DRAIN_MS, t -> stop.run());
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > DRAIN_BYTES) {
        vertx.cancelTimer(timer);
        stop.run();
      }
    });
    request.endHandler(v -> {
      vertx.cancelTimer(timer);
      if (!http2) {
        sent.onComplete(done -> connection.close());
      }
    });
    request.exceptionHandler(e -> vertx.cancelTimer(timer));
    request.resume();
  }
}
