package dev.lpnode.gateway.stream;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the segment pipeline, and the latency from "segment received" (the cutting keyframe
 * for RTMP, the end of the request body for HTTP push) to "all renditions listed" over the last
 * {@value #WINDOW} segments. Thread-safe.
 */
public final class IngestStats {
  static final int WINDOW = 1024;

  private final LongAdder received = new LongAdder();
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final long[] latencies = new long[WINDOW];
  private long latencyCount;

  /** A snapshot. Latencies in microseconds; -1 when no segment was published yet. */
  public record Snapshot(long received, long published, long failed, long dropped, long latencyMedianMicros,
      long latencyP95Micros, long latencyMaxMicros) {}

  void received() {
    received.increment();
  }

  void failed() {
    failed.increment();
  }

  /** Refused before processing (too many in flight) or too late for the playlist. */
  void dropped() {
    dropped.increment();
  }

  synchronized void published(long latencyNanos) {
    published.increment();
    latencies[(int) (latencyCount++ % WINDOW)] = latencyNanos / 1000;
  }

  public Snapshot snapshot() {
    long[] window;
    synchronized (this) {
      window = Arrays.copyOf(latencies, (int) Math.min(latencyCount, WINDOW));
    }
    Arrays.sort(window);
    return new Snapshot(received.sum(), published.sum(), failed.sum(), dropped.sum(), percentile(window, 50),
        percentile(window, 95), window.length == 0 ? -1 : window[window.length - 1]);
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
