package dev.lpnode.gateway.bench;

import dev.lpnode.gateway.GatewayOptions;
import dev.lpnode.gateway.GatewayServer;
import dev.lpnode.gateway.ListenAddress;
import dev.lpnode.gateway.ingest.PassthroughProcessor;
import dev.lpnode.gateway.stream.IngestStats;
import dev.lpnode.gateway.stream.LiveStream;
import dev.lpnode.gateway.support.MediaTools;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * RTMP ingest under load, for the bench: N publishers (ffmpeg streaming a pre-encoded 720p30 clip
 * in a loop, 2 s GOP, in real time) into a gateway with the pass-through processor, for a given
 * time. Prints, every 10 s, the process RSS and the heap after a GC; at the end, segments listed
 * against segments expected, drops and failures, and the latency from the keyframe that completes
 * a segment to the segment being listed (median, p95, max).
 *
 * <p>Run: {@code mvn -B -q -ntp -pl gateway -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}, then {@code java
 * -cp gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/cp.txt)
 * dev.lpnode.gateway.bench.IngestBench 4 180}.
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int publishers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
    Path dir = Files.createTempDirectory("lpnode-ingest-bench");
    Path clip = dir.resolve("clip.flv");
    MediaTools.runFfmpeg(dir.resolve("encode.log"), 300, "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f",
        "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "20", "-c:v", "libx264", "-preset", "veryfast",
        "-b:v", "3M", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-f", "flv", clip.toString());

    Vertx vertx = Vertx.vertx();
    GatewayServer gateway = GatewayServer.start(vertx, GatewayOptions.builder(new PassthroughProcessor())
            .rtmpAddr(new ListenAddress("127.0.0.1", 0))
            .httpAddr(new ListenAddress("127.0.0.1", 0))
            .build())
        .toCompletionStage().toCompletableFuture().get();
    List<Process> ffmpegs = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < publishers; i++) {
        ffmpegs.add(MediaTools.startFfmpeg(dir.resolve("publisher" + i + ".log"), "-re", "-stream_loop", "-1", "-i",
            clip.toString(), "-t", String.valueOf(seconds), "-c", "copy", "-f", "flv",
            "rtmp://127.0.0.1:" + gateway.rtmpPort() + "/live/bench" + i));
      }
      System.out.printf(Locale.ROOT, "%d publishers of a 720p30 3 Mbit/s clip for %d s%n", publishers, seconds);
      System.out.println("   t  rss_MiB  heap_MiB  listed  live");
      while (ffmpegs.stream().anyMatch(Process::isAlive)) {
        report(gateway, started);
        ffmpegs.get(0).waitFor(10, TimeUnit.SECONDS);
      }
      Thread.sleep(2000); // the last segments are remuxed and listed
      report(gateway, started);

      long expected = (long) publishers * ((seconds + 1) / 2);
      IngestStats.Snapshot s = gateway.stats().snapshot();
      System.out.printf(Locale.ROOT, "segments listed %d of %d expected, failed %d, dropped %d%n", s.published(),
          expected, s.failed(), s.dropped());
      for (int i = 0; i < publishers; i++) {
        LiveStream stream = gateway.streams().get("bench" + i).orElseThrow();
        String playlist = stream.playlists().mediaPlaylist("source").orElse("");
        System.out.printf(Locale.ROOT, "  bench%d: ended=%s, last listed %s%n", i, stream.playlists().ended(),
            playlist.lines().filter(l -> l.endsWith(".ts")).reduce((a, b) -> b).orElse("none"));
      }
      System.out.printf(Locale.ROOT, "latency keyframe received -> segment listed: median %.1f ms, p95 %.1f ms, "
          + "max %.1f ms (last %d segments)%n", s.latencyMedianMicros() / 1000.0, s.latencyP95Micros() / 1000.0,
          s.latencyMaxMicros() / 1000.0, Math.min(s.published(), 1024));
    } finally {
      ffmpegs.forEach(Process::destroyForcibly);
      gateway.stop().toCompletionStage().toCompletableFuture().get();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static void report(GatewayServer gateway, long started) throws IOException {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(Locale.ROOT, "%4d  %7.1f  %8.1f  %6d  %4d%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()
        - started), rssBytes() / 1048576.0, heap / 1048576.0, gateway.stats().snapshot().published(),
        gateway.streams().live());
  }

  private static long rssBytes() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
        .findFirst().orElse(-1);
  }
}
