package dev.lpnode.bench.transcode;

import java.util.ArrayList;
import java.util.List;

/** What one run of the bench measured: livepeer_bench's totals plus wall time and per-segment times. */
final class SessionStats {
  private int segments;
  private int realTimeSegments;
  private double sourceSeconds;
  private double transcodeSeconds;
  private final List<Double> times = new ArrayList<>();
  private long firstStartNanos = Long.MAX_VALUE;
  private long lastEndNanos = Long.MIN_VALUE;

  synchronized void add(double segmentSeconds, long startNanos, long endNanos) {
    double seconds = (endNanos - startNanos) / 1e9;
    segments++;
    if (seconds <= segmentSeconds) {
      realTimeSegments++;
    }
    sourceSeconds += segmentSeconds;
    transcodeSeconds += seconds;
    times.add(seconds);
    firstStartNanos = Math.min(firstStartNanos, startNanos);
    lastEndNanos = Math.max(lastEndNanos, endNanos);
  }

  synchronized int segments() {
    return segments;
  }

  synchronized double sourceSeconds() {
    return sourceSeconds;
  }

  /** From the first segment's start to the last one's end. */
  synchronized double wallSeconds() {
    return segments == 0 ? 0 : (lastEndNanos - firstStartNanos) / 1e9;
  }

  synchronized double medianSeconds() {
    return median(times);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return 0;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** livepeer_bench's closing table. */
  synchronized String table(int concurrentSessions) {
    return new Table()
        .row("Concurrent Sessions", concurrentSessions)
        .row("Total Segs Transcoded", segments)
        .row("Real-Time Segs Transcoded", realTimeSegments)
        .row("* Real-Time Segs Ratio *", GoFormat.float4(segments == 0 ? 0 : (double) realTimeSegments / segments))
        .row("Total Source Duration", GoFormat.float64(sourceSeconds) + "s")
        .row("Total Transcoding Duration", GoFormat.float64(transcodeSeconds) + "s")
        .row("* Real-Time Duration Ratio *", GoFormat.float4(sourceSeconds == 0 ? 0 : transcodeSeconds / sourceSeconds))
        .render();
  }
}
