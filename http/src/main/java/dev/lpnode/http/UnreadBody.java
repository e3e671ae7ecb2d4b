package dev.lpnode.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.function.Function;

/**
 * Answers a request whose body will not be read, and makes its client stop sending it. On HTTP/1.x
 * the request is paused and the connection closed once the answer is out. On HTTP/2 the connection
 * stays (its other streams go on): the stream's data is dropped as it comes, since data left
 * unconsumed would hold the connection's flow-control window and stall the other streams, and the
 * stream is reset once more than {@link #HTTP2_DRAIN_BYTES} arrived after the answer (a client that
 * stops after the answer, as RFC 9113 §8.1 allows, sees the answer whole; the JDK's client does not
 * cope with a reset there).
 */
public final class UnreadBody {
  static final long HTTP2_DRAIN_BYTES = 1 << 20;
  private static final long HTTP2_CANCEL = 8;

  private UnreadBody() {}

  /** {@code answer} writes and ends the response; the upload is stopped once it is sent. */
  public static void refuse(HttpServerRequest request, Function<HttpServerResponse, Future<Void>> answer) {
    HttpServerResponse response = request.response();
    if (request.version() == HttpVersion.HTTP_2) {
      long[] dropped = {0};
      request.handler(chunk -> {
        dropped[0] += chunk.length();
        if (dropped[0] > HTTP2_DRAIN_BYTES) {
          response.reset(HTTP2_CANCEL);
        }
      }).resume();
      answer.apply(response);
    } else {
      request.pause();
      response.putHeader("Connection", "close");
      answer.apply(response).onComplete(sent -> request.connection().close());
    }
  }
}
