package dev.lpnode.gateway.stream;

import java.util.Arrays;

/** The last {@value #SIZE} durations recorded, for their median, 95th percentile and maximum. Thread-safe. */
public final class LatencyWindow {
  static final int SIZE = 1024;

  /** Percentiles in microseconds; -1 when nothing was recorded yet. */
  public record Summary(long count, long medianMicros, long p95Micros, long maxMicros) {}

  private final long[] micros = new long[SIZE];
  private long count;

  public synchronized void record(long nanos) {
    micros[(int) (count++ % SIZE)] = nanos / 1000;
  }

  public Summary summary() {
    long[] window;
    long total;
    synchronized (this) {
      total = count;
      window = Arrays.copyOf(micros, (int) Math.min(count, SIZE));
    }
    Arrays.sort(window);
    return new Summary(total, percentile(window, 50), percentile(window, 95),
        window.length == 0 ? -1 : window[window.length - 1]);
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
