package dev.lpnode.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body read whole into one array of its exact size, at most {@code limit} bytes, within a
 * deadline, its bytes held in a {@link ByteBudget} shared by all such requests until
 * {@link #release()}. With a Content-Length the array is reserved and filled as the body comes (the
 * body's size in memory, once), and a length over the limit or the budget is refused before a byte
 * is read. Without one the chunks are kept and joined at the end, so the body counts twice while it
 * is read. After a refusal nothing more is kept: the caller answers with {@link UnreadBody}.
 */
public final class BoundedBody {
  /** Why a body was refused. */
  public enum Refusal { TOO_BIG, NO_MEMORY, TIMEOUT }

  /** The failure of a refused body. */
  public static final class RefusedException extends RuntimeException {
    private final Refusal refusal;

    RefusedException(Refusal refusal) {
      super(refusal.name(), null, false, false);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  private final HttpServerRequest request;
  private final ByteBudget budget;
  private final long limit;
  private final Promise<byte[]> promise = Promise.promise();
  private long held;
  private byte[] reserved;
  private final List<Buffer> chunks = new ArrayList<>();
  private long size;

  private BoundedBody(HttpServerRequest request, ByteBudget budget, long limit) {
    this.request = request;
    this.budget = budget;
    this.limit = limit;
  }

  /** Starts reading on the request's context; the outcome is delivered there. */
  public static BoundedBody read(Vertx vertx, HttpServerRequest request, long limit, ByteBudget budget,
      Duration deadline) {
    BoundedBody body = new BoundedBody(request, budget, limit);
    body.start(vertx, deadline);
    return body;
  }

  /** The body, or a {@link RefusedException}, or the connection's error. */
  public Future<byte[]> body() {
    return promise.future();
  }

  /** Gives the body's bytes back to the budget, once nothing uses them any more. */
  public void release() {
    budget.release(held);
    held = 0;
  }

  private void start(Vertx vertx, Duration deadline) {
    long declared = contentLength(request.getHeader("Content-Length"));
    if (declared > limit) {
      refuse(Refusal.TOO_BIG);
      return;
    }
    if (declared >= 0) {
      if (!hold(declared)) {
        refuse(Refusal.NO_MEMORY);
        return;
      }
      reserved = new byte[(int) declared];
    }
    long timer = vertx.setTimer(deadline.toMillis(), t -> refuse(Refusal.TIMEOUT));
    promise.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      chunks.clear();
      reserved = null;
      if (done.failed()) {
        release();
      }
    });
    request.handler(this::chunk);
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> end());
    request.resume();
  }

  private void chunk(Buffer chunk) {
    if (promise.future().isComplete()) {
      return;
    }
    long after = size + chunk.length();
    if (after > limit || (reserved != null && after > reserved.length)) {
      refuse(Refusal.TOO_BIG);
      return;
    }
    if (reserved != null) {
      chunk.getBytes(0, chunk.length(), reserved, (int) size);
    } else if (hold(2L * chunk.length())) { // the chunk, and its place in the joined copy
      chunks.add(chunk);
    } else {
      refuse(Refusal.NO_MEMORY);
      return;
    }
    size = after;
  }

  private void end() {
    if (promise.future().isComplete()) {
      return;
    }
    if (reserved != null) {
      byte[] data = reserved;
      if (size == data.length) {
        promise.tryComplete(data);
      } else {
        promise.tryFail(new IllegalStateException("body ended after " + size + " of " + data.length + " bytes"));
      }
      return;
    }
    byte[] data = new byte[(int) size];
    int offset = 0;
    for (Buffer c : chunks) {
      c.getBytes(0, c.length(), data, offset);
      offset += c.length();
    }
    chunks.clear();
    budget.release(size); // the chunks are gone; the joined copy stays held
    held -= size;
    promise.tryComplete(data);
  }

  /** Stops buffering; what still arrives is dropped (see {@link UnreadBody} for stopping the client). */
  private void refuse(Refusal refusal) {
    promise.tryFail(new RefusedException(refusal));
  }

  private boolean hold(long bytes) {
    if (!budget.tryHold(bytes)) {
      return false;
    }
    held += bytes;
    return true;
  }

  /** A Content-Length's value, or -1 if there is none (or it is not a number a body could have). */
  public static long contentLength(String header) {
    if (header == null || !header.matches("\\d{1,18}")) {
      return -1;
    }
    return Long.parseLong(header);
  }
}
