package dev.lpnode.http;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes that many requests hold at once, within a cap: the memory they may take, whatever they send. */
public final class ByteBudget {
  private final long max;
  private final AtomicLong held = new AtomicLong();

  public ByteBudget(long max) {
    if (max < 1) {
      throw new IllegalArgumentException("a byte budget must be positive, got " + max);
    }
    this.max = max;
  }

  /** Holds {@code bytes} more if they fit under the cap; false, holding nothing, if not. */
  public boolean tryHold(long bytes) {
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

  public void release(long bytes) {
    held.addAndGet(-bytes);
  }

  public long held() {
    return held.get();
  }

  public long max() {
    return max;
  }
}
