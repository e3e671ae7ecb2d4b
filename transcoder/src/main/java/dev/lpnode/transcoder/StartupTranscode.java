package dev.lpnode.transcoder;

import dev.lpnode.config.ladder.VideoProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * go-livepeer's start-up transcoder test ({@code -testTranscoder}), which also measures what this
 * machine can transcode in real time: the node's ladder made from a real 2 s 1080p30 segment (the
 * first seconds of lpms's bad-cuvid.ts), once to warm up and then {@value #MEASURED_RUNS} times,
 * timed in CPU seconds. {@code -maxSessions auto} is that many streams with a quarter of the
 * cores left for everything else (ingest, TLS, hashing, the gateway's checks).
 */
public final class StartupTranscode {
  static final int MEASURED_RUNS = 2;
  /** The share of the cores streams may use; the rest keeps latency low under bursts and serves the rest of the node. */
  static final double CORE_SHARE = 0.75;
  private static final String SAMPLE = "sample-1080p.ts";
  private static final long SAMPLE_DURATION_MS = 2133;

  /**
   * What the test found.
   *
   * @param cpuPerSecond CPU seconds spent per second of video (0 when it was not measured, on GPUs)
   * @param sessions     the streams this machine transcodes in real time with that ladder
   */
  public record Outcome(double cpuPerSecond, int sessions) {}

  private StartupTranscode() {}

  /**
   * Transcodes the sample; fails with the engine's error if the transcoder cannot.
   *
   * @param cpuTime the CPU time spent so far by whatever does the transcoding (its worker processes)
   * @param cores   the cores it may use
   */
  public static Outcome run(Transcoder transcoder, List<VideoProfile> ladder, Supplier<Duration> cpuTime, int cores) {
    byte[] sample = sample();
    transcode(transcoder, sample, ladder, 0);
    Duration before = cpuTime.get();
    for (int i = 1; i <= MEASURED_RUNS; i++) {
      transcode(transcoder, sample, ladder, i);
    }
    double cpuSeconds = (cpuTime.get().toNanos() - before.toNanos()) / 1e9;
    double cpuPerSecond = cpuSeconds / (MEASURED_RUNS * SAMPLE_DURATION_MS / 1000.0);
    return new Outcome(cpuPerSecond, realTimeSessions(cpuPerSecond, cores));
  }

  /** Streams of {@code cpuPerSecond} that fit in {@link #CORE_SHARE} of {@code cores}; never fewer than one. */
  static int realTimeSessions(double cpuPerSecond, int cores) {
    if (cpuPerSecond <= 0) {
      return 1;
    }
    return Math.max(1, (int) Math.floor(cores * CORE_SHARE / cpuPerSecond));
  }

  /** On GPUs the NVENC sessions are the limit: each rendition of a stream holds one on its GPU. */
  public static int gpuSessions(int gpus, int sessionCapPerGpu, int renditions) {
    return Math.max(1, gpus * (sessionCapPerGpu / Math.max(1, renditions)));
  }

  private static void transcode(Transcoder transcoder, byte[] sample, List<VideoProfile> ladder, int seq) {
    TranscodeRequest request = new TranscodeRequest("transcoder-test", seq, sample, SAMPLE_DURATION_MS, ladder);
    try {
      transcoder.transcode(request).get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof TranscodeException t ? t : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("the transcoder test did not finish: " + e, e);
    } finally {
      transcoder.endSession("transcoder-test");
    }
  }

  private static byte[] sample() {
    try (InputStream in = StartupTranscode.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the transcoder test's sample " + SAMPLE + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
