package dev.lpnode.bench.transcode;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-session latency, engine against baseline, measured in pairs: each segment goes through both
 * back to back (taking turns at going first), so both see the same machine load. On a shared machine
 * whose speed drifts over tens of seconds this compares far more fairly than one whole run after the other.
 */
final class PairedLatency {
  private final SegmentRunner engine;
  private final SegmentRunner baseline;
  private final List<MediaPlaylist.Segment> segments;
  private final List<Double> engineSeconds = new ArrayList<>();
  private final List<Double> baselineSeconds = new ArrayList<>();
  private final List<Double> ratios = new ArrayList<>();

  PairedLatency(SegmentRunner engine, SegmentRunner baseline, List<MediaPlaylist.Segment> segments) {
    this.engine = engine;
    this.baseline = baseline;
    this.segments = segments;
  }

  /** Runs {@code repeats} passes over the segments, one CSV line per pair on {@code out}. */
  void run(int repeats, PrintStream out) throws Exception {
    out.println("timestamp,segment,seg_dur,engine_time,ffmpeg_time");
    int pair = 0;
    for (int r = 0; r < repeats; r++) {
      for (MediaPlaylist.Segment segment : segments) {
        boolean engineFirst = pair++ % 2 == 0;
        double first = time(engineFirst ? engine : baseline, segment);
        double second = time(engineFirst ? baseline : engine, segment);
        double engineTime = engineFirst ? first : second;
        double baselineTime = engineFirst ? second : first;
        engineSeconds.add(engineTime);
        baselineSeconds.add(baselineTime);
        ratios.add(engineTime / baselineTime);
        out.printf("%s,%d,%s,%s,%s%n", GoFormat.timestamp(LocalDateTime.now()), segment.index(),
            GoFormat.float4(segment.durationSeconds()), GoFormat.float4(engineTime), GoFormat.float4(baselineTime));
      }
    }
    engine.endSession(0);
    baseline.endSession(0);
  }

  private static double time(SegmentRunner runner, MediaPlaylist.Segment segment) throws Exception {
    long start = System.nanoTime();
    runner.transcode(0, segment);
    return (System.nanoTime() - start) / 1e9;
  }

  String report() {
    double engine = SessionStats.median(engineSeconds);
    double ffmpeg = SessionStats.median(baselineSeconds);
    return String.format("paired latency over %d segments: median engine %.3f s, ffmpeg %.3f s (engine/ffmpeg %.3f); "
        + "median of per-segment ratios %.3f%n", ratios.size(), engine, ffmpeg, engine / ffmpeg, SessionStats.median(ratios));
  }
}
