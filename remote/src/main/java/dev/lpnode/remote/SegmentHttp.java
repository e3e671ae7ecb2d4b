package dev.lpnode.remote;

import dev.lpnode.config.HostPort;
import dev.lpnode.http.ArrayBuffer;
import dev.lpnode.http.BoundedBody;
import dev.lpnode.http.OrchestratorTls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A transcoder's HTTP to its orchestrator: fetching a segment from the URL a NotifySegment names and
 * posting the results to {@code https://<orchAddr>/transcodeResults} (protocol.md §8), over HTTP/2
 * with TLS, trusting any certificate as go-livepeer does (orchestrators' certificates are
 * self-signed). Every call must be made on the Vert.x context that owns this client.
 */
final class SegmentHttp implements AutoCloseable {
  /** go-livepeer's transcoder gives a segment download 4 s. */
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(4);
  /** go-livepeer's cap on a segment (common.MaxSegSize). */
  static final long MAX_SEGMENT_BYTES = 300_000_000L;
  /** An orchestrator answers a result with "OK" or a short error. */
  private static final long MAX_ANSWER_BYTES = 64 * 1024;
  private static final int CONNECT_TIMEOUT_MS = 3_000;

  /** A response read whole. */
  record Answer(int status, Buffer body) {}

  private final Vertx vertx;
  private final HttpClient http;
  private final String resultsUri;
  private final String secret;
  private final long maxSegmentBytes;

  /** @param maxSegmentBytes the largest segment fetched ({@link #MAX_SEGMENT_BYTES}) */
  SegmentHttp(Vertx vertx, HostPort orchestrator, String secret, long maxSegmentBytes) {
    this.vertx = vertx;
    this.maxSegmentBytes = maxSegmentBytes;
    this.resultsUri = "https://" + orchestrator + "/transcodeResults";
    this.secret = secret;
    this.http = vertx.createHttpClient(trustAllHttp2(), new PoolOptions().setHttp2MaxSize(1));
  }

  /** How a transcoder talks to its orchestrator, for gRPC too. */
  static HttpClientOptions trustAllHttp2() {
    return OrchestratorTls.clientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setDecompressionSupported(false);
  }

  /** GET a segment: status 200 within {@link #DOWNLOAD_TIMEOUT}, at most the largest segment given. */
  Future<byte[]> download(String url) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setFollowRedirects(false)
        .setSsl(url.regionMatches(true, 0, "https:", 0, 6));
    return exchange(options, null, DOWNLOAD_TIMEOUT, maxSegmentBytes).compose(answer -> answer.status() == 200
        ? Future.succeededFuture(answer.body().getBytes())
        : Future.failedFuture(new IllegalStateException("status " + answer.status() + " " + answer.body().toString().trim())));
  }

  /** {@code POST /transcodeResults} with go-livepeer's headers; the orchestrator's answer, whatever its status. */
  Future<Answer> postResult(long taskId, ResultBody body, Duration timeout) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(resultsUri)
        .putHeader("Authorization", "Livepeer-Transcoder-1.0")
        .putHeader("Credentials", secret)
        .putHeader("Content-Type", body.contentType())
        .putHeader("TaskId", Long.toString(taskId))
        .putHeader("Pixels", Long.toString(body.pixels()));
    return exchange(options, ArrayBuffer.wrap(body.bytes()), timeout, MAX_ANSWER_BYTES);
  }

  private Future<Answer> exchange(RequestOptions options, Buffer body, Duration timeout, long maxBytes) {
    Promise<Answer> result = Promise.promise();
    AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    Runnable abort = () -> {
      if (request.get() != null) {
        request.get().reset();
      }
    };
    long timer = vertx.setTimer(timeout.toMillis(), t -> {
      if (result.tryFail(new IllegalStateException("timed out after " + timeout.toMillis() + " ms"))) {
        abort.run();
      }
    });
    result.future().onComplete(done -> vertx.cancelTimer(timer));
    http.request(options)
        .compose(req -> {
          request.set(req);
          return body == null ? req.send() : req.send(body);
        })
        .onSuccess(response -> {
          long declared = BoundedBody.contentLength(response.getHeader("Content-Length"));
          if (declared > maxBytes) {
            tooLarge(result, maxBytes, abort);
            return;
          }
          Buffer received = Buffer.buffer();
          response.handler(chunk -> {
            if (received.length() + (long) chunk.length() > maxBytes) {
              tooLarge(result, maxBytes, abort);
            } else {
              received.appendBuffer(chunk);
            }
          });
          response.exceptionHandler(result::tryFail);
          response.endHandler(v -> result.tryComplete(new Answer(response.statusCode(), received)));
        })
        .onFailure(result::tryFail);
    return result.future();
  }

  private static void tooLarge(Promise<Answer> result, long maxBytes, Runnable abort) {
    if (result.tryFail(new IllegalStateException("body larger than " + maxBytes + " bytes"))) {
      abort.run();
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
