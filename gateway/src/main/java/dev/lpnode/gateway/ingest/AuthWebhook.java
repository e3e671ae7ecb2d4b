package dev.lpnode.gateway.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;

/**
 * {@code -authWebhookUrl}: go-livepeer's stream authentication. For each new stream it POSTs
 * {@code {"url": "<the URL the stream was published to>"}} as JSON; 200 admits the stream, with
 * an empty body (the URL names it) or go-livepeer's response object ({@code manifestID}, required
 * then, {@code presets}, {@code profiles}; see {@link TranscodeConfiguration}). Anything else
 * refuses it: another status, a body that is not such an object, no answer within {@link
 * #TIMEOUT_MS} (go-livepeer waits without limit; a gateway exposed to the internet cannot).
 */
public final class AuthWebhook implements AutoCloseable {
  static final long TIMEOUT_MS = 3_000;
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final HttpClient http;
  private final String url;

  public AuthWebhook(Vertx vertx, String url) {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("-authWebhookUrl must be an http:// or https:// URL, got " + url);
    }
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS));
    this.url = url;
  }

  /**
   * The webhook's verdict on a stream published to {@code streamUrl}: its configuration (empty
   * for an empty answer), or a failure saying why it is refused.
   */
  public Future<Optional<TranscodeConfiguration>> authenticate(String streamUrl) {
    Promise<Buffer> answer = Promise.promise();
    // On a context, so the answer's body cannot arrive before its handlers are set.
    vertx.getOrCreateContext().runOnContext(v -> http
        .request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setTimeout(TIMEOUT_MS)
            .putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(new JsonObject().put("url", streamUrl).encode()))
        .compose(response -> {
          long length = parseLength(response.getHeader("Content-Length"));
          if (length > MAX_BODY_BYTES) {
            return Future.failedFuture("status=" + response.statusCode() + " answer larger than " + MAX_BODY_BYTES + " bytes");
          }
          return response.body().compose(body -> response.statusCode() == 200 ? Future.succeededFuture(body)
              : Future.failedFuture("status=" + response.statusCode() + " error=" + body.toString().trim()));
        })
        .onComplete(answer));
    return answer.future().compose(body -> {
      if (body.length() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      TranscodeConfiguration config;
      try {
        config = TranscodeConfiguration.parse(body.toString());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e.getMessage());
      }
      return config.manifestId().isEmpty() ? Future.failedFuture("empty manifest id not allowed")
          : Future.succeededFuture(Optional.of(config));
    });
  }

  private static long parseLength(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
