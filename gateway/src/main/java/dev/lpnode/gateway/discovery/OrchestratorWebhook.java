package dev.lpnode.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code -orchWebhookUrl}: the orchestrators come from a URL answering
 * {@code [{"address":"https://host:port"}, …]}. The answer is kept for a minute (go-livepeer's
 * WebhookDiscoveryRefreshInterval); entries that are not absolute URIs are skipped. A webhook that
 * fails leaves the last good answer in use.
 */
public final class OrchestratorWebhook implements OrchestratorSource, AutoCloseable {
  static final long REFRESH_NANOS = 60_000_000_000L;
  static final long TIMEOUT_MS = 3_000;
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final HttpClient http;
  private final String url;
  private final LongSupplier nanoClock;
  private List<String> cached;
  private long fetchedNanos;

  public OrchestratorWebhook(Vertx vertx, String url, LongSupplier nanoClock) {
    URI.create(url); // fails early on a malformed flag
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS));
    this.url = url;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized Future<List<String>> orchestrators() {
    long now = nanoClock.getAsLong();
    if (cached != null && now - fetchedNanos < REFRESH_NANOS) {
      return Future.succeededFuture(cached);
    }
    return fetch()
        .compose(body -> {
          if (body.length() > MAX_BODY_BYTES) {
            return Future.failedFuture("orchestrator webhook answer larger than " + MAX_BODY_BYTES + " bytes");
          }
          try {
            List<String> uris = parse(body.getBytes());
            synchronized (this) {
              cached = uris;
              fetchedNanos = now;
            }
            return Future.succeededFuture(uris);
          } catch (IOException e) {
            return Future.failedFuture("orchestrator webhook " + url + ": " + e.getMessage());
          }
        })
        .recover(e -> {
          synchronized (this) {
            return cached == null ? Future.failedFuture(e) : Future.succeededFuture(cached);
          }
        });
  }

  /** The webhook's answer, read on a Vert.x context so its body cannot arrive before its handlers are set. */
  private Future<Buffer> fetch() {
    Promise<Buffer> body = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> http
        .request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(TIMEOUT_MS))
        .compose(request -> request.send())
        .compose(response -> response.statusCode() == 200
            ? response.body()
            : Future.failedFuture("orchestrator webhook " + url + " answered " + response.statusCode()))
        .onComplete(body));
    return body.future();
  }

  /** The service URIs in a webhook answer. */
  static List<String> parse(byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    if (root == null || !root.isArray()) {
      throw new IOException("expected a JSON array of {\"address\": …}");
    }
    List<String> uris = new ArrayList<>();
    for (JsonNode entry : root) {
      String address = entry.path("address").asText("");
      try {
        URI uri = URI.create(address);
        if (uri.isAbsolute() && uri.getHost() != null) {
          uris.add(OrchestratorSource.serviceUri(address));
        }
      } catch (IllegalArgumentException e) {
        // skipped, as go-livepeer skips addresses it cannot parse
      }
    }
    return List.copyOf(uris);
  }

  @Override
  public void close() {
    http.close();
  }
}
