package dev.lpnode.bench.orchestrator;

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
 * renditions, which local transcoding does inside its engine instead).
 */
final class OverheadRun implements AutoCloseable {
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
  private final String label;
  private final int cliPort;
  private final RemoteTranscoders remote;
  private final GatewayStream stream;
  private final PrintStream out;
  private long firstServedNanos;
  private TranscodeTotals before;
  private RemoteTranscoders.Totals remoteBefore;

  private OverheadRun(String label, int cliPort, RemoteTranscoders remote, GatewayStream stream, PrintStream out) {
    this.label = label;
    this.cliPort = cliPort;
    this.remote = remote;
    this.stream = stream;
    this.out = out;
  }

  /**
   * A stream on {@code o}, its rows labelled {@code label}.
   */
  static OverheadRun open(String label, BenchOrchestrator o, PrintStream out) throws Exception {
    return new OverheadRun(label, o.cliPort, o.remote, GatewayStream.open(o.gateway, "overhead-" + label), out);
  }

  /** Sends {@code warmup} short segments, unmeasured, so the JIT has compiled the per-segment code. */
  void warmUp(byte[] warmupSegment, int warmup) throws Exception {
    long started = System.nanoTime();
    for (int i = 0; i < warmup; i++) {
      send(warmupSegment, SampleSegment.WARMUP_DURATION_MS);
    }
    out.printf(Locale.ROOT, "%s warm-up: %d segments of %d ms in %.1f s%n", label, warmup,
        SampleSegment.WARMUP_DURATION_MS, (System.nanoTime() - started) / 1e9);
    before = OperatorApi.orchestratorTranscodes(OperatorApi.scrape(cliPort));
    remoteBefore = remote == null ? null : remote.totals();
  }

  static void printHeader(PrintStream out) {
    out.println("  seg  on      prepare_ms  headers_ms  result_ms  download_ms  round_trip_ms  transcode_ms  overhead_ms"
        + "  hop_ms");
  }

  /** Sends segment {@code index} (after {@link #warmUp}), prints its row, and returns its round trip in ns. */
  long measure(int index, byte[] segment) throws Exception {
    SegmentTiming t = send(segment, SampleSegment.DURATION_MS);
    TranscodeTotals after = OperatorApi.orchestratorTranscodes(OperatorApi.scrape(cliPort));
    long transcodeNanos = oneSegment(after.minus(before), "the orchestrator");
    before = after;
    record(index, t, transcodeNanos);
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
    return t.roundTripNanos();
  }

  private SegmentTiming send(byte[] segment, long durationMs) throws Exception {
    SegmentTiming t = stream.send(segment, durationMs);
    if (firstServedNanos == 0) {
      firstServedNanos = System.nanoTime();
    }
    return t;
  }

  /** {@link System#nanoTime()} when the first segment sent was served, 0 before. */
  long firstServedNanos() {
    return firstServedNanos;
  }

  @Override
  public void close() {
    stream.end();
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
    out.printf(Locale.ROOT, "%5d  %-6s  %10.1f  %10.1f  %9.1f  %11.1f  %13.1f  %12.1f  %11.1f", index, label, ms(t.prepareNanos()),
        ms(t.headersNanos()), ms(t.resultNanos()), ms(t.downloadNanos()), ms(t.roundTripNanos()), ms(transcodeNanos),
        ms(t.roundTripNanos() - transcodeNanos));
  }

  /** The figures of every segment measured, with the verdict on the protocol overhead. */
  void summary() {
    out.println(label + " transcoding:");
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
    }
  }

  /** {@code what}'s median against {@link #TARGET_MS}. */
  static String verdict(String what, LatencyWindow window) {
    double median = window.summary().medianMicros() / 1000.0;
    return String.format(Locale.ROOT, "%s (median): %.1f ms (target ≤ %.0f ms): %s", what, median, TARGET_MS,
        median <= TARGET_MS ? "met" : "MISSED");
  }

  static String line(String what, LatencyWindow window) {
    LatencyWindow.Summary s = window.summary();
    return String.format(Locale.ROOT, "%s: median %.1f ms, p95 %.1f ms", what, s.medianMicros() / 1000.0,
        s.p95Micros() / 1000.0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
