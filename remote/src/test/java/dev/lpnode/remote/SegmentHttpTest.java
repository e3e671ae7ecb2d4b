package dev.lpnode.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.HostPort;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentHttpTest {
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() {
    OrchestratorHarness.await(vertx.close());
  }

  /** Runs a call on a Vert.x context, as the remote transcoder makes them. */
  private static <T> CompletableFuture<T> onContext(Context context, Supplier<Future<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> call.get().onComplete(done -> {
      if (done.succeeded()) {
        result.complete(done.result());
      } else {
        result.completeExceptionally(done.cause());
      }
    }));
    return result;
  }

  @Test
  void aSegmentLargerThanTheCapIsRefusedWithAClearError(@TempDir Path dir) throws Exception {
    try (OrchestratorHarness orchestrator = OrchestratorHarness.start(vertx, "s", true, dir)) {
      SegmentHttp http = new SegmentHttp(vertx, HostPort.parse(orchestrator.address()), "s", 1000);
      Context context = vertx.getOrCreateContext();
      String small = orchestrator.serve("a", 1, new byte[1000]);
      String large = orchestrator.serve("a", 2, new byte[5000]);
      assertThat(onContext(context, () -> http.download(small)).get(10, TimeUnit.SECONDS)).hasSize(1000);
      assertThat(onContext(context, () -> http.download(large)).handle((ok, e) -> e.getMessage()).get(10, TimeUnit.SECONDS))
          .isEqualTo("body larger than 1000 bytes");
      http.close();
    }
  }
}
