package dev.lpnode.ledger.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the operator API runs a state change or a read: its arguments parsed on the event loop (a bad
 * one is a 400 at once), its work on a worker (ledger and chain calls block), its answer as JSON.
 * A failure the caller recognizes as the request's fault is answered as it says; any other is a
 * 500, logged with its stack trace.
 */
public final class BlockingEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(BlockingEndpoint.class);

  /** A status and the JSON body that goes with it. */
  public record Answer(int status, JsonObject body) {
    public static Answer error(int status, String message) {
      return new Answer(status, new JsonObject().put("error", message));
    }
  }

  private BlockingEndpoint() {}

  /**
   * @param prepare   parses the request into the work to run; throws {@link IllegalArgumentException} for a bad argument
   * @param refusals  the answer to a failure of the work that is the request's fault, or empty for any other
   */
  public static void run(Vertx vertx, RoutingContext ctx, Supplier<Callable<JsonObject>> prepare,
      Function<Throwable, Optional<Answer>> refusals) {
    Callable<JsonObject> work;
    try {
      work = prepare.get();
    } catch (IllegalArgumentException e) {
      reply(ctx, Answer.error(400, e.getMessage()));
      return;
    }
    vertx.executeBlocking(work, false).onComplete(result -> {
      if (result.succeeded()) {
        reply(ctx, new Answer(200, result.result()));
        return;
      }
      Optional<Answer> refusal = refusals.apply(result.cause());
      if (refusal.isPresent()) {
        reply(ctx, refusal.get());
      } else {
        LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), result.cause());
        reply(ctx, Answer.error(500, String.valueOf(result.cause().getMessage())));
      }
    });
  }

  public static void reply(RoutingContext ctx, Answer answer) {
    ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
        .end(answer.body().encodePrettily());
  }
}
