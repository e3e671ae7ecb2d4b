package dev.lpnode.bench.transcode;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two ways of transcoding measured in pairs: each segment goes through one and then the other (taking
 * turns at going first), in every session at once, so both see the same machine load. On a shared
 * machine whose speed drifts over tens of seconds this compares far more fairly than one whole run
 * after the other.
 */
final class PairedLatency {
  private final String firstName;
  private final SegmentRunner first;
  private final String secondName;
  private final SegmentRunner second;
  private final List<MediaPlaylist.Segment> segments;
  private final int sessions;
  private final List<Double> firstSeconds = new ArrayList<>();
  private final List<Double> secondSeconds = new ArrayList<>();
  private final List<Double> ratios = new ArrayList<>();

  PairedLatency(String firstName, SegmentRunner first, String secondName, SegmentRunner second,
      List<MediaPlaylist.Segment> segments, int sessions) {
    this.firstName = firstName;
    this.first = first;
    this.secondName = secondName;
    this.second = second;
    this.segments = segments;
    this.sessions = sessions;
  }

  /** Runs {@code repeats} passes over the segments, one CSV line per pair on {@code out}. */
  void run(int repeats, PrintStream out) throws Exception {
    out.println("timestamp,segment,seg_dur," + firstName + "_time," + secondName + "_time");
    ExecutorService threads = Executors.newFixedThreadPool(sessions);
    try {
      int pair = 0;
      for (int r = 0; r < repeats; r++) {
        for (MediaPlaylist.Segment segment : segments) {
          boolean inOrder = pair++ % 2 == 0;
          double a = time(inOrder ? first : second, segment, threads);
          double b = time(inOrder ? second : first, segment, threads);
          double firstTime = inOrder ? a : b;
          double secondTime = inOrder ? b : a;
          firstSeconds.add(firstTime);
          secondSeconds.add(secondTime);
          ratios.add(firstTime / secondTime);
          out.printf("%s,%d,%s,%s,%s%n", GoFormat.timestamp(LocalDateTime.now()), segment.index(),
              GoFormat.float4(segment.durationSeconds()), GoFormat.float4(firstTime), GoFormat.float4(secondTime));
        }
      }
    } finally {
      threads.shutdown();
    }
    for (int session = 0; session < sessions; session++) {
      first.endSession(session);
      second.endSession(session);
    }
  }

  /** Wall time for every session to transcode {@code segment} at once. */
  private double time(SegmentRunner runner, MediaPlaylist.Segment segment, ExecutorService threads) throws Exception {
    long start = System.nanoTime();
    List<Future<Long>> done = new ArrayList<>();
    for (int session = 0; session < sessions; session++) {
      int s = session;
      done.add(threads.submit(() -> runner.transcode(s, segment)));
    }
    for (Future<Long> each : done) {
      each.get();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  String report() {
    double a = SessionStats.median(firstSeconds);
    double b = SessionStats.median(secondSeconds);
    String report = String.format("paired latency over %d segments: median %s %.3f s, %s %.3f s (%s/%s %.3f); "
        + "median of per-segment ratios %.3f%n", ratios.size(), firstName, a, secondName, b, firstName, secondName,
        a / b, SessionStats.median(ratios));
    if (sessions > 1) {
      report += String.format("%s/%s throughput ratio: %.3f%n", firstName, secondName, total(secondSeconds) / total(firstSeconds));
    }
    return report;
  }

  private static double total(List<Double> seconds) {
    return seconds.stream().mapToDouble(Double::doubleValue).sum();
  }
}
