package dev.lpnode.orchestrator.store;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /stream/<session>/<profile>/<seq><ext>}: a rendition from the {@link RenditionStore},
 * with the headers go-livepeer's player sends (MIME type of the extension, CORS, 5 s cache).
 */
public final class StreamHandler implements Handler<HttpServerRequest> {
  public static final String PREFIX = "/stream/";
  private final RenditionStore store;

  public StreamHandler(RenditionStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String[] parts = request.path().substring(PREFIX.length()).split("/");
    Optional<byte[]> data = Optional.empty();
    if (parts.length == 3) {
      String profile = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      data = store.get(parts[0] + "/" + profile, parts[2]);
    }
    if (data.isEmpty()) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("404 page not found\n");
      return;
    }
    request.response()
        .putHeader("Content-Type", parts[2].endsWith(".mp4") ? "video/mp4" : "video/mp2t")
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Cache-Control", "max-age=5")
        .end(Buffer.buffer(data.get()));
  }
}
