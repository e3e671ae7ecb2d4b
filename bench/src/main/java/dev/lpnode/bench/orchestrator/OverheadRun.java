package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Machine;
import dev.lpnode.bench.OperatorApi;
import dev.lpnode.bench.OperatorApi.TranscodeTotals;
import dev.lpnode.gateway.stream.LatencyWindow;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The protocol overhead: segments one after another on one stream, each one's round trip (POST
 * /segment sent → TranscodeResult read → renditions downloaded) against the orchestrator's transcode
 * time for that same segment (how much its {@code livepeer_transcode_time} sum grew, read after each
 * segment). The target: median (round trip − transcode) ≤ 15 ms for a 1 MB segment on loopback.
 * With remote transcoders, each segment's O–T hop too: the orchestrator's transcode time less the
 * transcoder's own (notification, input fetch, result upload and the orchestrator's recount of the
 * renditions); its target is a median ≤ 15 ms on loopback as well.
 */
final class OverheadRun {
  static final double TARGET_MS = 15;

  private final LatencyWindow prepare = new LatencyWindow();
  private final LatencyWindow headers = new LatencyWindow();
  private final LatencyWindow roundTrip = new LatencyWindow();
  private final LatencyWindow transcode = new LatencyWindow();
  private final LatencyWindow overhead = new LatencyWindow();
  private final LatencyWindow resultBeyondTranscode = new LatencyWindow();
  private final LatencyWindow download = new LatencyWindow();
  private final LatencyWindow hop = new LatencyWindow();
  private final LatencyWindow remoteDownload = new LatencyWindow();
  private final LatencyWindow remoteUpload = new LatencyWindow();
  private final RemoteTranscoders remote;
  private final PrintStream out;

  /** The medians, in ms, that a run on local and one on remote transcoders are compared by. */
  record Medians(double roundTripMs, double transcodeMs) {}

  private OverheadRun(RemoteTranscoders remote, PrintStream out) {
    this.remote = remote;
    this.out = out;
  }

  /**
   * Sends {@code warmup} segments unmeasured, then {@code segments} measured, and prints the figures.
   *
   * @param remote the transcoders the orchestrator sends its segments to, or null when it transcodes them itself
   */
  static Medians run(BenchGateway gateway, int cliPort, RemoteTranscoders remote, byte[] warmupSegment, byte[] segment,
      int warmup, int segments, PrintStream out) throws Exception {
    OverheadRun run = new OverheadRun(remote, out);
    run.measure(gateway, cliPort, warmupSegment, segment, warmup, segments);
    return new Medians(run.roundTrip.summary().medianMicros() / 1000.0, run.transcode.summary().medianMicros() / 1000.0);
  }

  private void measure(BenchGateway gateway, int cliPort, byte[] warmupSegment, byte[] segment, int warmup, int segments)
      throws Exception {
    GatewayStream stream = GatewayStream.open(gateway, "overhead");
    try {
      long started = System.nanoTime();
      for (int i = 0; i < warmup; i++) {
        stream.send(warmupSegment, SampleSegment.WARMUP_DURATION_MS);
      }
      out.printf(Locale.ROOT, "warm-up: %d segments of %d ms in %.1f s%n", warmup, SampleSegment.WARMUP_DURATION_MS,
          (System.nanoTime() - started) / 1e9);
      out.println("  seg  prepare_ms  headers_ms  result_ms  download_ms  round_trip_ms  transcode_ms  overhead_ms"
          + (remote == null ? "" : "  hop_ms"));
      TranscodeTotals before = OperatorApi.orchestratorTranscodes(OperatorApi.scrape(cliPort));
      RemoteTranscoders.Totals remoteBefore = remote == null ? null : remote.totals();
      for (int i = 0; i < segments; i++) {
        SegmentTiming t = stream.send(segment, SampleSegment.DURATION_MS);
        TranscodeTotals after = OperatorApi.orchestratorTranscodes(OperatorApi.scrape(cliPort));
        long transcodeNanos = oneSegment(after.minus(before), "the orchestrator");
        before = after;
        record(i, t, transcodeNanos);
        if (remote != null) {
          RemoteTranscoders.Totals remoteAfter = remote.totals();
          RemoteTranscoders.Totals one = remoteAfter.minus(remoteBefore);
          remoteBefore = remoteAfter;
          long hopNanos = transcodeNanos - oneSegment(one.transcode(), "the remote transcoders");
          hop.record(hopNanos);
          remoteDownload.record(oneSegment(one.download(), "the remote transcoders' downloads"));
          remoteUpload.record(oneSegment(one.upload(), "the remote transcoders' uploads"));
          out.printf(Locale.ROOT, "  %6.1f", ms(hopNanos));
        }
        out.println();
      }
    } finally {
      stream.end();
    }
    summary();
  }

  private static long oneSegment(TranscodeTotals delta, String who) {
    if (delta.count() != 1) {
      throw new IllegalStateException(who + " counted " + delta.count() + " segments transcoded for one sent");
    }
    return (long) (delta.seconds() * 1e9);
  }

  private void record(int index, SegmentTiming t, long transcodeNanos) {
    prepare.record(t.prepareNanos());
    headers.record(t.headersNanos());
    roundTrip.record(t.roundTripNanos());
    transcode.record(transcodeNanos);
    overhead.record(t.roundTripNanos() - transcodeNanos);
    resultBeyondTranscode.record(t.resultNanos() - t.headersNanos() - transcodeNanos);
    download.record(t.downloadNanos());
    out.printf(Locale.ROOT, "%5d  %10.1f  %10.1f  %9.1f  %11.1f  %13.1f  %12.1f  %11.1f", index, ms(t.prepareNanos()),
        ms(t.headersNanos()), ms(t.resultNanos()), ms(t.downloadNanos()), ms(t.roundTripNanos()), ms(transcodeNanos),
        ms(t.roundTripNanos() - transcodeNanos));
  }

  private void summary() {
    out.println(line("round trip (POST /segment sent -> TranscodeResult read -> renditions downloaded)", roundTrip));
    out.println(line("orchestrator transcode time (livepeer_transcode_time, same segments)", transcode));
    out.println(line("overhead = round trip - transcode, per segment", overhead));
    out.println(line("  upload and admission (POST sent -> 200 headers)", headers));
    out.println(line("  result beyond transcode (200 headers -> TranscodeResult read, less transcode)", resultBeyondTranscode));
    out.println(line("  rendition downloads", download));
    out.println(line("gateway preparation before sending (hash, signature, tickets; not in the round trip)", prepare));
    out.println(verdict("protocol overhead", overhead));
    if (remote != null) {
      out.println(line("O–T hop = orchestrator transcode - remote transcoder's transcode, per segment", hop));
      out.println(line("  the transcoder fetching the segment", remoteDownload));
      out.println(line("  the transcoder posting its results (until the orchestrator's OK)", remoteUpload));
      out.println(verdict("O–T hop", hop));
    }
    out.println("load average after: " + Machine.loadAverage());
  }

  /** {@code what}'s median against {@link #TARGET_MS}. */
  private static String verdict(String what, LatencyWindow window) {
    double median = window.summary().medianMicros() / 1000.0;
    return String.format(Locale.ROOT, "%s (median): %.1f ms (target ≤ %.0f ms): %s", what, median, TARGET_MS,
        median <= TARGET_MS ? "met" : "MISSED");
  }

  private static String line(String what, LatencyWindow window) {
    LatencyWindow.Summary s = window.summary();
    return String.format(Locale.ROOT, "%s: median %.1f ms, p95 %.1f ms", what, s.medianMicros() / 1000.0,
        s.p95Micros() / 1000.0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
