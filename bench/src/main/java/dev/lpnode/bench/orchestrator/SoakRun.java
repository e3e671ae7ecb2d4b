package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Machine;
import dev.lpnode.bench.OperatorApi;
import dev.lpnode.bench.OperatorApi.TranscodeTotals;
import dev.lpnode.gateway.stream.LatencyWindow;
import dev.lpnode.orchestrator.session.TranscodeSessions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The soak: {@code streams} gateway streams at once (distinct manifest IDs), each sending segments
 * back to back; after {@code streamSegments} a stream ends its session and, after a pause of up to
 * 2 s, a new stream starts in its place, so sessions come and go. A stream the orchestrator refuses
 * (OrchestratorCapped at discovery or on its first segment, OrchestratorBusy) waits a second and
 * discovers again. Every {@code interval} a row: segments done, errors by kind, the round trip and
 * the orchestrator's transcode time, heap after GC, resident memory of the node and of its
 * transcoder workers, Vert.x blocked-thread warnings and the load. It fails on any error other than
 * OrchestratorBusy and OrchestratorCapped. On remote transcoders, {@link TranscoderKills} kills them
 * in turn meanwhile: a segment lost to a kill is an error like any other.
 */
final class SoakRun {
  private static final long RETRY_MS = 1000;

  private final BenchGateway gateway;
  private final int cliPort;
  private final byte[] segment;
  private final int streamSegments;
  private final BlockedThreadWarnings blocked;
  private final TranscoderKills kills;
  private final PrintStream out;
  private final LongAdder done = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LatencyWindow allRoundTrips = new LatencyWindow();
  private final AtomicReference<LatencyWindow> intervalRoundTrips = new AtomicReference<>(new LatencyWindow());
  private volatile long deadlineNanos;

  /** @param kills what kills remote transcoders during the soak, or null when the orchestrator transcodes itself */
  SoakRun(BenchGateway gateway, int cliPort, byte[] segment, int streamSegments, BlockedThreadWarnings blocked,
      TranscoderKills kills, PrintStream out) {
    this.gateway = gateway;
    this.cliPort = cliPort;
    this.segment = segment;
    this.streamSegments = streamSegments;
    this.blocked = blocked;
    this.kills = kills;
    this.out = out;
  }

  /** Runs {@code streams} streams for {@code duration}; returns whether segments went through with no error but capacity. */
  boolean run(int streams, Duration duration, Duration interval) throws Exception {
    long started = System.nanoTime();
    deadlineNanos = started + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      int index = i;
      Thread thread = new Thread(() -> streams(index), "soak-stream-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    if (kills != null) {
      kills.start(deadlineNanos);
    }
    out.println("    t      ok  capped  busy  other  rt_med_ms  transcode_ms  heap_MiB  node_rss_MiB  workers_rss_MiB"
        + "  blocked  load");
    TranscodeTotals transcodes = OperatorApi.orchestratorTranscodes(OperatorApi.scrape(cliPort));
    List<MemorySample> underLoad = new ArrayList<>();
    while (System.nanoTime() < deadlineNanos) {
      Thread.sleep(Math.min(interval.toMillis(), (deadlineNanos - System.nanoTime()) / 1_000_000 + 1));
      MemorySample memory = MemorySample.take();
      underLoad.add(memory);
      transcodes = row(started, transcodes, memory);
    }
    for (Thread thread : threads) {
      thread.join(); // each finishes the segment it is sending
    }
    if (kills != null) {
      kills.close();
    }
    MemorySample ended = MemorySample.take();
    row(started, transcodes, ended);
    return summary(duration, underLoad.isEmpty() ? List.of(ended) : underLoad, ended);
  }

  private TranscodeTotals row(long started, TranscodeTotals before, MemorySample memory) throws Exception {
    TranscodeTotals now = OperatorApi.orchestratorTranscodes(OperatorApi.scrape(cliPort));
    LatencyWindow.Summary roundTrips = intervalRoundTrips.getAndSet(new LatencyWindow()).summary();
    out.printf(Locale.ROOT, "%5d  %6d  %6d  %4d  %5d  %9s  %12s  %8.1f  %12.1f  %15.1f  %7d  %s%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(), done.sum(), errors(TranscodeSessions.CAPPED),
        errors(TranscodeSessions.BUSY), otherErrors().values().stream().mapToLong(Long::longValue).sum(),
        roundTrips.count() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", roundTrips.medianMicros() / 1000.0),
        now.count() == before.count() ? "-" : String.format(Locale.ROOT, "%.0f", now.minus(before).meanMillis()),
        memory.heapMiB(), memory.nodeRssMiB(), memory.workersRssMiB(), blocked.count(), Machine.loadAverage());
    return now;
  }

  private boolean summary(Duration duration, List<MemorySample> underLoad, MemorySample ended)
      throws IOException, InterruptedException {
    Map<String, Long> other = otherErrors();
    LatencyWindow.Summary roundTrips = allRoundTrips.summary();
    out.printf(Locale.ROOT, "segments ok: %d (%.2f/s); refused for capacity: %s %d, %s %d%n", done.sum(),
        done.sum() / (double) duration.toSeconds(), TranscodeSessions.CAPPED, errors(TranscodeSessions.CAPPED),
        TranscodeSessions.BUSY, errors(TranscodeSessions.BUSY));
    out.println("other errors: " + (other.isEmpty() ? "none" : other));
    out.printf(Locale.ROOT, "round trip (last %d segments): median %.0f ms, p95 %.0f ms, max %.0f ms%n",
        Math.min(roundTrips.count(), 1024), roundTrips.medianMicros() / 1000.0, roundTrips.p95Micros() / 1000.0,
        roundTrips.maxMicros() / 1000.0);
    out.println(memory("heap used after GC", MemorySample::heapMiB, underLoad, ended));
    out.println(memory("node RSS", MemorySample::nodeRssMiB, underLoad, ended));
    out.println(memory("workers RSS", MemorySample::workersRssMiB, underLoad, ended));
    out.println("Vert.x blocked-thread warnings: " + blocked.count());
    out.println("load average after: " + Machine.loadAverage());
    if (kills != null) {
      out.printf(Locale.ROOT, "remote transcoders SIGKILLed and restarted: %d; segments the orchestrator retried on another: %.0f%s%n",
          kills.kills(), retried(), kills.failure() == null ? "" : "; a restart FAILED: " + kills.failure());
    }
    boolean passed = other.isEmpty() && done.sum() > 0 && (kills == null || kills.failure() == null);
    out.println(passed ? "soak: passed (no error other than OrchestratorBusy/OrchestratorCapped)"
        : done.sum() == 0 ? "soak: FAILED: no segment was transcoded"
        : other.isEmpty() ? "soak: FAILED: a killed transcoder did not come back"
        : "soak: FAILED: errors other than OrchestratorBusy/OrchestratorCapped");
    return passed;
  }

  private double retried() throws IOException, InterruptedException {
    return OperatorApi.sum(OperatorApi.scrape(cliPort), "livepeer_transcode_retried_total");
  }

  private long errors(String kind) {
    LongAdder count = errors.get(kind);
    return count == null ? 0 : count.sum();
  }

  /** Errors by kind, less the capacity refusals the protocol allows. */
  private Map<String, Long> otherErrors() {
    return errors.entrySet().stream()
        .filter(e -> !e.getKey().equals(TranscodeSessions.CAPPED) && !e.getKey().equals(TranscodeSessions.BUSY))
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(), Long::sum, TreeMap::new));
  }

  /** One memory figure over the rows taken while the streams ran (first, last, range), and once they had ended. */
  private static String memory(String what, ToDoubleFunction<MemorySample> mib, List<MemorySample> underLoad,
      MemorySample ended) {
    double first = mib.applyAsDouble(underLoad.get(0));
    double last = mib.applyAsDouble(underLoad.get(underLoad.size() - 1));
    DoubleSummaryStatistics range = underLoad.stream().mapToDouble(mib).summaryStatistics();
    return String.format(Locale.ROOT, "%s (MiB): first row %.1f, last row %.1f (%s), min %.1f, max %.1f; after the"
        + " streams ended %.1f", what, first, last, first == 0 ? "n/a" : String.format(Locale.ROOT, "%+.1f%%",
        100 * (last - first) / first), range.getMin(), range.getMax(), mib.applyAsDouble(ended));
  }

  /** Stream after stream in slot {@code index} until the deadline. */
  private void streams(int index) {
    for (int generation = 0; System.nanoTime() < deadlineNanos; generation++) {
      GatewayStream stream;
      try {
        stream = GatewayStream.open(gateway, "soak-" + index + "-" + generation);
      } catch (SegmentFailed e) {
        failed(e);
        continue;
      }
      try {
        for (int n = 0; n < streamSegments && System.nanoTime() < deadlineNanos; n++) {
          long roundTrip = stream.send(segment, SampleSegment.DURATION_MS).roundTripNanos();
          done.increment();
          allRoundTrips.record(roundTrip);
          intervalRoundTrips.get().record(roundTrip);
        }
        pause(ThreadLocalRandom.current().nextLong(2000));
      } catch (SegmentFailed e) {
        failed(e);
      } finally {
        stream.end();
      }
    }
  }

  private void failed(SegmentFailed e) {
    errors.computeIfAbsent(e.kind(), k -> new LongAdder()).increment();
    pause(RETRY_MS);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
