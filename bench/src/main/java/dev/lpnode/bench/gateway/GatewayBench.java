package dev.lpnode.bench.gateway;

import static dev.lpnode.bench.Machine.freePort;
import static dev.lpnode.bench.Machine.loadAverage;

import dev.lpnode.bench.OperatorApi;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.gateway.GatewayServer;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.stream.IngestStats;
import dev.lpnode.gateway.stream.LatencyWindow;
import dev.lpnode.node.GatewayRole;
import dev.lpnode.node.LivepeerNode;
import dev.lpnode.node.demo.SamplePublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The gateway's targets, measured on a real combined node (gateway, orchestrator and transcoder
 * worker processes on the embedded network, real tickets): N RTMP publishers (the in-process
 * FFmpeg publisher, packets copied, in real time, looping) for a given time. Prints every 10 s
 * what was received, listed, failed and dropped, and at the end:
 * <ul>
 *   <li>glass-to-playlist latency (segment fully received → all renditions listed) against the
 *       transcode time (the orchestrator's, as the gateway sees it: round trip minus upload), both
 *       at the median, and the target {@code latency ≤ 1.5 × transcode + 200 ms};</li>
 *   <li>segments listed against segments received, with failures and drops (the soak target: none
 *       dropped while capacity allows).</li>
 * </ul>
 * The input is a 640x360 30 fps clip with a 2 s GOP made with bytedeco's ffmpeg program, unless
 * {@code -input} names a file.
 *
 * <p>Run: {@code mvn -B -q -ntp -DskipTests package dependency:build-classpath
 * -Dmdep.outputFile=target/lpnode.classpath -Dmdep.includeScope=runtime}, then {@code java
 * -Dorg.bytedeco.javacpp.platform.extension=-gpl -cp bench/target/classes:$(cat bench/target/lpnode.classpath)
 * dev.lpnode.bench.gateway.GatewayBench -publishers 4 -seconds 300 -ladder P144p30fps16x9,P240p30fps16x9}.
 */
public final class GatewayBench {
  private GatewayBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int publishers = Integer.parseInt(options.getOrDefault("publishers", "4"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "300"));
    String ladder = options.getOrDefault("ladder", "P144p30fps16x9,P240p30fps16x9");
    String size = options.getOrDefault("size", "640x360");
    Path dir = Files.createTempDirectory("lpnode-gateway-bench");
    Path input = options.containsKey("input") ? Path.of(options.get("input")) : clip(dir, size);

    int http = freePort();
    int cli = freePort();
    LivepeerNode node = LivepeerNode.start(ConfigLoader.load(new String[] {"-gateway", "-orchestrator", "-transcoder",
        "-network", "embedded", "-monitor", "-dataDir", dir.resolve("node").toString(),
        "-serviceAddr", "127.0.0.1:" + freePort(), "-httpAddr", "127.0.0.1:" + http, "-rtmpAddr", "127.0.0.1:" + freePort(),
        "-cliAddr", "127.0.0.1:" + cli, "-transcodingOptions", ladder, "-maxSessions", String.valueOf(Math.max(10, publishers))},
        Map.of()));
    GatewayRole gateway = node.gateway().orElseThrow();
    System.out.printf(Locale.ROOT, "%d publishers of %s for %d s, ladder %s, %d cores; load average before: %s%n",
        publishers, input.getFileName(), seconds, ladder, Runtime.getRuntime().availableProcessors(), loadAverage());
    List<SamplePublisher> running = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < publishers; i++) {
        running.add(new SamplePublisher(input, "rtmp://127.0.0.1:" + gateway.server().rtmpPort() + "/live/bench" + i));
        Thread.sleep(300); // livepeer_bench's concurrentSessionDelay
      }
      System.out.println("   t  received  listed  failed  dropped  latency_ms(med)  transcode_ms(med)  tickets  load");
      while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(seconds)) {
        Thread.sleep(10_000);
        report(gateway, started);
      }
    } finally {
      for (SamplePublisher p : running) {
        p.close();
      }
    }
    Thread.sleep(5_000); // the last segments are cut, transcoded and listed
    report(gateway, started);
    summary(gateway.server(), gateway.processor().metrics(), OperatorApi.scrape(cli));
    node.stop(Duration.ofSeconds(10));
  }

  private static void report(GatewayRole gateway, long started) {
    IngestStats.Snapshot s = gateway.server().stats().snapshot();
    GatewayMetrics metrics = gateway.processor().metrics();
    System.out.printf(Locale.ROOT, "%4d  %8d  %6d  %6d  %7d  %15.0f  %17.0f  %7d  %s%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), s.received(), s.published(), s.failed(), s.dropped(),
        s.latencyMedianMicros() / 1000.0, metrics.transcodeTimes().medianMicros() / 1000.0, metrics.totals().ticketsSent(),
        loadAverage());
  }

  private static void summary(GatewayServer server, GatewayMetrics metrics, String scrape) {
    IngestStats.Snapshot s = server.stats().snapshot();
    LatencyWindow.Summary transcode = metrics.transcodeTimes();
    double latencyMs = s.latencyMedianMicros() / 1000.0;
    double transcodeMs = transcode.medianMicros() / 1000.0;
    double target = 1.5 * transcodeMs + 200;
    System.out.printf(Locale.ROOT, "segments received %d, listed %d, failed %d, dropped %d%n", s.received(), s.published(),
        s.failed(), s.dropped());
    System.out.printf(Locale.ROOT, "glass-to-playlist latency: median %.0f ms, p95 %.0f ms, max %.0f ms%n", latencyMs,
        s.latencyP95Micros() / 1000.0, s.latencyMaxMicros() / 1000.0);
    System.out.printf(Locale.ROOT, "transcode time (gateway view): median %.0f ms, p95 %.0f ms; orchestrator's mean %s%n",
        transcodeMs, transcode.p95Micros() / 1000.0, orchestratorMean(scrape));
    System.out.printf(Locale.ROOT, "target latency <= 1.5 x transcode + 200 ms = %.0f ms: %s (latency - transcode = %.0f ms)%n",
        target, latencyMs <= target ? "met" : "MISSED", latencyMs - transcodeMs);
    System.out.printf(Locale.ROOT, "tickets sent %d, value %s wei; load average after: %s%n", metrics.totals().ticketsSent(),
        metrics.totals().valueSentWei().stripTrailingZeros().toPlainString(), loadAverage());
  }

  private static String orchestratorMean(String scrape) {
    OperatorApi.TranscodeTotals totals = OperatorApi.orchestratorTranscodes(scrape);
    return totals.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f ms", totals.meanMillis());
  }

  /** A 20 s test pattern with a tone, 30 fps, a keyframe every 2 s: what a broadcaster's encoder sends. */
  private static Path clip(Path dir, String size) throws IOException, InterruptedException {
    Path clip = dir.resolve("clip.ts");
    Process ffmpeg = new ProcessBuilder(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-hide_banner", "-nostdin",
        "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30", "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=48000", "-t", "20", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "1M",
        "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts",
        clip.toString()).inheritIO().start();
    if (ffmpeg.waitFor() != 0) {
      throw new IOException("ffmpeg could not make the input clip");
    }
    return clip;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("-")) {
        throw new IllegalArgumentException("expected -name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(1), args[i + 1]);
    }
    return options;
  }

}
