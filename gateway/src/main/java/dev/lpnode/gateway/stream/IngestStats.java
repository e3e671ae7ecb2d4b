package dev.lpnode.gateway.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the segment pipeline, and the latency from "segment received" (the cutting keyframe
 * for RTMP, the end of the request body for HTTP push) to "all renditions listed" over the last
 * {@value #WINDOW} segments. Thread-safe.
 */
public final class IngestStats {
  private final LongAdder received = new LongAdder();
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LatencyWindow latencies = new LatencyWindow();

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

  void published(long latencyNanos) {
    published.increment();
    latencies.record(latencyNanos);
  }

  public Snapshot snapshot() {
    LatencyWindow.Summary latency = latencies.summary();
    return new Snapshot(received.sum(), published.sum(), failed.sum(), dropped.sum(), latency.medianMicros(),
        latency.p95Micros(), latency.maxMicros());
  }
}
