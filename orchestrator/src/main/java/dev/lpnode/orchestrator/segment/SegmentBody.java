package dev.lpnode.orchestrator.segment;

import dev.lpnode.http.BoundedBody;
import dev.lpnode.http.ByteBudget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Reads a segment body as it streams in: at most {@code limit} bytes, within a deadline, holding its
 * bytes in a budget shared by all uploads, hashing with keccak256 on the way. The hashing (4–5 ms per MB) runs in arrival order
 * on the {@code hashing} executor ({@link BodyHasher}), so the event loop only decrypts and the hash
 * is ready soon after the last byte. Nothing is read past the limit or the budget (a declared length
 * that does not fit is refused before the first byte); the deadline stops clients that trickle.
 */
public final class SegmentBody {
  static final String TOO_BIG = "input bigger than max buffer size";
  static final String TIMEOUT = "read timeout: segment body not received in time";
  static final String NO_MEMORY = "too many segment bytes being received at once; try again";

  private SegmentBody() {}

  /** The whole body and its keccak256. */
  public record Body(byte[] data, byte[] keccak256) {}

  /**
   * A body being read. Its bytes stay held in the budget until {@link #release()}: the body lives on
   * while its segment is transcoded. {@link #cancel()} stops reading and frees what was buffered.
   */
  public static final class Reading {
    private final Promise<Body> promise;
    private final ByteBudget budget;
    private long held;

    private Reading(Promise<Body> promise, ByteBudget budget) {
      this.promise = promise;
      this.budget = budget;
    }

    /** Fails with {@link IllegalStateException} carrying {@link #TOO_BIG}, {@link #NO_MEMORY} or {@link #TIMEOUT}, or the I/O error. */
    public Future<Body> body() {
      return promise.future();
    }

    /** Whether it failed because the uploads being held already fill the budget (503, connection closed). */
    static boolean outOfMemory(Throwable failure) {
      return failure instanceof IllegalStateException && NO_MEMORY.equals(failure.getMessage());
    }

    public void cancel() {
      promise.tryFail(new IllegalStateException("cancelled"));
    }

    private synchronized void releasePart(long bytes) {
      budget.release(bytes);
      held -= bytes;
    }

    /** Gives the body's bytes back to the budget; once they are no longer used. */
    public synchronized void release() {
      budget.release(held);
      held = 0;
    }

    private synchronized boolean hold(long bytes) {
      if (!budget.tryHold(bytes)) {
        return false;
      }
      held += bytes;
      return true;
    }
  }

  /** Reads on the caller's Vert.x context, which the outcome is delivered on. */
  static Reading read(Vertx vertx, HttpServerRequest request, long limit, ByteBudget budget, Duration deadline,
      Executor hashing) {
    Context context = vertx.getOrCreateContext();
    Promise<Body> promise = Promise.promise();
    Reading reading = new Reading(promise, budget);
    long length = BoundedBody.contentLength(request.getHeader("content-length"));
    if (length > limit) {
      promise.fail(new IllegalStateException(TOO_BIG));
      return reading;
    }
    if (length > 0 && !reading.hold(length)) {
      promise.fail(new IllegalStateException(NO_MEMORY));
      return reading;
    }
    BodyHasher hasher = new BodyHasher(hashing);
    // A declared length is read into one array of that size; otherwise the chunks are kept and
    // joined at the end, so they count twice (chunk and joined copy) while the body is read.
    byte[] reserved = length >= 0 ? new byte[(int) length] : null;
    List<byte[]> chunks = new ArrayList<>();
    long[] size = {0};
    long timer = vertx.setTimer(deadline.toMillis(), t -> promise.tryFail(new IllegalStateException(TIMEOUT)));
    request.handler(buffer -> {
      if (promise.future().isComplete()) {
        return;
      }
      int offset = (int) size[0];
      size[0] += buffer.length();
      if (size[0] > limit || (reserved != null && size[0] > reserved.length)) {
        promise.tryFail(new IllegalStateException(TOO_BIG));
        return;
      }
      if (reserved != null) {
        buffer.getBytes(0, buffer.length(), reserved, offset);
        hasher.add(reserved, offset, buffer.length());
      } else if (reading.hold(2L * buffer.length())) {
        byte[] bytes = buffer.getBytes();
        chunks.add(bytes);
        hasher.add(bytes);
      } else {
        promise.tryFail(new IllegalStateException(NO_MEMORY));
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> {
      if (promise.future().isComplete()) {
        return;
      }
      byte[] data;
      if (reserved != null) {
        if (size[0] != reserved.length) {
          promise.tryFail(new IllegalStateException("body ended after " + size[0] + " of " + reserved.length + " bytes"));
          return;
        }
        data = reserved;
      } else {
        data = concatenate(chunks, size[0]);
        reading.releasePart(size[0]); // the chunks are gone; the joined copy stays held
      }
      hasher.finish().whenComplete((hash, error) -> context.runOnContext(done -> {
        if (error != null) {
          promise.tryFail(error);
        } else {
          promise.tryComplete(new Body(data, hash));
        }
      }));
    });
    request.resume();
    promise.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      if (done.failed()) {
        hasher.cancel();
        chunks.clear(); // nothing buffered outlives a failed or cancelled read
        reading.release();
      }
    });
    return reading;
  }

  private static byte[] concatenate(List<byte[]> chunks, long size) {
    byte[] data = new byte[(int) size];
    int offset = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, data, offset, c.length);
      offset += c.length;
    }
    chunks.clear();
    return data;
  }
}
