package dev.lpnode.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies read against a shared budget on a real server: what is held, when, and what is refused. */
class BoundedBodyTest {
  private final Vertx vertx = Vertx.vertx();
  private final ByteBudget budget = new ByteBudget(1_000_000);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private volatile long heldWhenRead;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      req.pause();
      BoundedBody body = BoundedBody.read(vertx, req, 600_000, budget, Duration.ofSeconds(5));
      body.body().onComplete(read -> {
        if (read.succeeded()) {
          heldWhenRead = budget.held();
          body.release();
          req.response().end("read " + read.result().length);
        } else {
          UnreadBody.refuse(req, res -> res.setStatusCode(503).end(read.cause().getMessage()));
        }
      });
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> put(HttpRequest.BodyPublisher body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
        .PUT(body).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDeclaredBodyIsHeldOnceAndAChunkedOneTwiceWhileRead() throws Exception {
    byte[] bytes = new byte[400_000];
    assertThat(put(HttpRequest.BodyPublishers.ofByteArray(bytes)).body()).isEqualTo("read 400000");
    assertThat(heldWhenRead).isEqualTo(400_000);
    assertThat(put(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).body())
        .isEqualTo("read 400000");
    assertThat(heldWhenRead).isEqualTo(400_000); // the chunks are given back once joined
    assertThat(budget.held()).isZero();
  }

  @Test
  void whatExceedsTheLimitOrTheBudgetIsRefused() throws Exception {
    assertThat(put(HttpRequest.BodyPublishers.ofByteArray(new byte[700_000])).body()).isEqualTo("TOO_BIG");
    // 600 KB sent chunked counts 1.2 MB while read: more than the budget.
    assertThat(put(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[600_000])))
        .body()).isEqualTo("NO_MEMORY");
    assertThat(budget.held()).isZero();
  }
}
