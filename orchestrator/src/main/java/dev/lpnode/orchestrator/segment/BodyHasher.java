package dev.lpnode.orchestrator.segment;

import dev.lpnode.payments.crypto.Keccak256;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * keccak256 of a body whose chunks arrive on the event loop, computed on another thread in arrival
 * order. One task at a time drains whatever has queued, so a chunk that arrives while the digest
 * is busy costs no new task. {@link #finish()} gives the hash once every chunk is in.
 */
final class BodyHasher {
  private static final Slice END = new Slice(new byte[0], 0, 0);

  private record Slice(byte[] array, int offset, int length) {}

  private final Keccak256 digest = new Keccak256();
  private final Queue<Slice> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final CompletableFuture<byte[]> hash = new CompletableFuture<>();
  private final Executor executor;
  private volatile boolean cancelled;

  BodyHasher(Executor executor) {
    this.executor = executor;
  }

  /** Queues a chunk; the caller must not change it afterwards. */
  void add(byte[] chunk) {
    add(chunk, 0, chunk.length);
  }

  /** Queues {@code length} bytes of {@code array} from {@code offset}, which must not change afterwards. */
  void add(byte[] array, int offset, int length) {
    enqueue(new Slice(array, offset, length));
  }

  private void enqueue(Slice slice) {
    queue.add(slice);
    if (queued.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) { // a pool shutting down
        hash.completeExceptionally(e);
      }
    }
  }

  /** The hash of every chunk added before this call. */
  CompletableFuture<byte[]> finish() {
    enqueue(END);
    return hash;
  }

  /** Skips whatever is still queued: the body is no longer wanted. */
  void cancel() {
    cancelled = true;
  }

  private void drain() {
    do {
      Slice slice = queue.poll();
      if (slice == END) {
        hash.complete(digest.digest());
      } else if (!cancelled) {
        digest.update(slice.array(), slice.offset(), slice.length());
      }
    } while (queued.decrementAndGet() > 0);
  }
}
