package dev.lpnode.orchestrator.segment;

import java.util.concurrent.atomic.AtomicLong;

/** Segment bytes held over all uploads, within a cap: the memory uploads may take, whatever they are. */
final class HeldBytes {
  private final long max;
  private final AtomicLong held = new AtomicLong();

  HeldBytes(long max) {
    this.max = max;
  }

  /** Holds {@code bytes} more if they fit under the cap; false (and nothing held) if not. */
  boolean tryHold(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > max) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  long held() {
    return held.get();
  }
}
