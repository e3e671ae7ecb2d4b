package dev.lpnode.orchestrator.segment;

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
 * Reads a segment body as it streams in: at most {@code limit} bytes (go-livepeer's 300 MB), within
 * a deadline, hashing with keccak256 on the way. The hashing (4–5 ms per MB) runs in arrival order
 * on the {@code hashing} executor ({@link BodyHasher}), so the event loop only decrypts and the hash
 * is ready soon after the last byte. Nothing is read past the limit; the deadline stops clients that
 * never finish their body.
 */
public final class SegmentBody {
  public static final long MAX_SEGMENT_BYTES = 300_000_000L;
  static final String TOO_BIG = "input bigger than max buffer size";
  static final String TIMEOUT = "read timeout: segment body not received in time";

  private SegmentBody() {}

  /** The whole body and its keccak256. */
  public record Body(byte[] data, byte[] keccak256) {}

  /** A body being read; {@link #cancel()} stops reading it and frees what was buffered. */
  public static final class Reading {
    private final Promise<Body> promise;

    private Reading(Promise<Body> promise) {
      this.promise = promise;
    }

    /** Fails with {@link IllegalStateException} carrying {@link #TOO_BIG} or {@link #TIMEOUT}, or the I/O error. */
    public Future<Body> body() {
      return promise.future();
    }

    public void cancel() {
      promise.tryFail(new IllegalStateException("cancelled"));
    }
  }

  /** Reads on the caller's Vert.x context, which the outcome is delivered on. */
  public static Reading read(Vertx vertx, HttpServerRequest request, long limit, Duration deadline, Executor hashing) {
    Context context = vertx.getOrCreateContext();
    Promise<Body> promise = Promise.promise();
    Reading reading = new Reading(promise);
    String declared = request.getHeader("content-length");
    if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > limit) {
      promise.fail(new IllegalStateException(TOO_BIG));
      return reading;
    }
    BodyHasher hasher = new BodyHasher(hashing);
    List<byte[]> chunks = new ArrayList<>();
    long[] size = {0};
    long timer = vertx.setTimer(deadline.toMillis(), t -> promise.tryFail(new IllegalStateException(TIMEOUT)));
    request.handler(buffer -> {
      if (promise.future().isComplete()) {
        return;
      }
      size[0] += buffer.length();
      if (size[0] > limit) {
        promise.tryFail(new IllegalStateException(TOO_BIG));
        return;
      }
      byte[] bytes = buffer.getBytes();
      chunks.add(bytes);
      hasher.add(bytes);
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> {
      if (promise.future().isComplete()) {
        return;
      }
      byte[] data = concatenate(chunks, size[0]);
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
