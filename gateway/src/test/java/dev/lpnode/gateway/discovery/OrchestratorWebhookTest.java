package dev.lpnode.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrchestratorWebhookTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void theAnswerIsKeptForAMinuteAndALaterFailureKeepsTheLastGoodOne() throws Exception {
    AtomicReference<String> answer = new AtomicReference<>(
        "[{\"address\":\"https://o1.example:8935\"},{\"address\":\"not a url\"},{\"address\":\"https://o2.example:8935/\",\"score\":1}]");
    AtomicInteger status = new AtomicInteger(200);
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> {
      calls.incrementAndGet();
      req.response().setStatusCode(status.get()).end(answer.get());
    }).listen(0, "127.0.0.1"));
    AtomicLong now = new AtomicLong();
    OrchestratorWebhook webhook = new OrchestratorWebhook(vertx, "http://127.0.0.1:" + server.actualPort() + "/orchs",
        now::get);

    assertThat(await(webhook.orchestrators())).containsExactly("https://o1.example:8935", "https://o2.example:8935");
    answer.set("[{\"address\":\"https://o3.example:8935\"}]");
    now.addAndGet(59_000_000_000L);
    assertThat(await(webhook.orchestrators())).as("cached").hasSize(2);
    assertThat(calls).hasValue(1);
    now.addAndGet(2_000_000_000L);
    assertThat(await(webhook.orchestrators())).containsExactly("https://o3.example:8935");

    status.set(500);
    now.addAndGet(61_000_000_000L);
    assertThat(await(webhook.orchestrators())).containsExactly("https://o3.example:8935");
    assertThat(calls).hasValue(3);
    webhook.close();
  }

  @Test
  void answersThatAreNotAListOfAddressesAreErrors() {
    assertThat(catchIo(() -> OrchestratorWebhook.parse("{\"address\":\"https://o\"}".getBytes(StandardCharsets.UTF_8))))
        .contains("expected a JSON array");
    assertThat(catchIo(() -> OrchestratorWebhook.parse("[".getBytes(StandardCharsets.UTF_8)))).isNotEmpty();
  }

  @Test
  void orchAddrEntriesWithoutASchemeAreHttps() throws Exception {
    assertThat(await(OrchestratorSource.of(List.of("o1.example:8935", " https://o2.example:8935/ ", "", "o1.example:8935"))
        .orchestrators())).containsExactly("https://o1.example:8935", "https://o2.example:8935");
  }

  private interface IoCall {
    Object call() throws Exception;
  }

  private static String catchIo(IoCall call) {
    try {
      call.call();
      return "";
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
