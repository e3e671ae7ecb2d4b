package dev.lpnode.bench.transcode;

import dev.lpnode.bench.Flags;
import dev.lpnode.config.ladder.LadderException;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.PoolSettings;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.transcoder.TranscoderPool;
import dev.lpnode.transcoder.engine.GpuDevice;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * livepeer_bench for lpnode: the same flags, CSV lines and tables, run through lpnode's engine; with
 * {@code -baseline ffmpeg} the same segments also go through the ffmpeg program with identical
 * settings, and the two throughputs are compared.
 */
public final class TranscodeBench {

  private final PrintStream out;
  private final PrintStream err;
  private final Flags flags;
  private final MediaPlaylist playlist;
  private final List<VideoProfile> profiles;
  private final EngineSettings settings;
  private final int sessions;

  private TranscodeBench(PrintStream out, PrintStream err, Flags flags, MediaPlaylist playlist,
      List<VideoProfile> profiles, EngineSettings settings) {
    this.out = out;
    this.err = err;
    this.flags = flags;
    this.playlist = playlist;
    this.profiles = profiles;
    this.settings = settings;
    this.sessions = flags.getInt("concurrentSessions");
  }

  static Flags flags() {
    return new Flags()
        .string("in", "", "Input m3u8 manifest file, or a media file (e.g. testdata/bad-cuvid.ts) to cut into 2 s segments first")
        .bool("live", true, "Simulate live stream")
        .string("concurrentSessions", "1", "# of concurrent transcode sessions")
        .string("concurrentSessionDelay", "300ms", "Delay before starting a new concurrent session")
        .string("segs", "0", "Maximum # of segments to transcode per session (default all)")
        .string("repeat", "1", "Repeat each concurrent session this many times")
        .string("loop", "1", "Play the playlist this many times within each session (memory soak)")
        .string("transcodingOptions", "", "Transcoding options for broadcast job, or path to json config "
            + "(default livepeer_bench's transcodingOptions.json: 240p/360p/480p/720p, constrained high, GOP 1 s)")
        .string("nvidia", "", "Comma-separated list of Nvidia GPU device IDs to use for transcoding, or all")
        .string("outPrefix", "", "Output segments' prefix (no segments are written by default)")
        .string("baseline", "", "Also run the segments through this baseline and compare throughput: ffmpeg")
        .bool("paired", false, "With -baseline, or with -workers: transcode each segment with the engine and the "
            + "baseline (or in worker processes and in-process) back to back, in every session at once, and compare "
            + "per-segment times (fair on a machine whose speed drifts)")
        .bool("profile", false, "Break CPU time down by stage (decode, scale, encode, mux) with the ffmpeg program")
        .string("workers", "0", "Transcode in this many worker processes (0: in the bench's own process)")
        .string("workerJvm", String.join(" ", PoolSettings.DEFAULT_WORKER_JVM_OPTIONS),
            "JVM options of the worker processes, space-separated")
        .string("preset", EngineSettings.DEFAULT_X264_PRESET, "libx264 preset")
        .string("encoderThreads", "1", "Threads per encoder")
        .string("decoderThreads", "1", "Threads per decoder")
        .bool("checkOutput", false, "Decode every rendition after encoding, as the node does before billing "
            + "(off by default: the ffmpeg baseline does no such check)");
  }

  /** Runs the bench with the CSV on stdout and tables on stderr; returns the process exit status. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Flags flags = flags();
    try {
      flags.parse(args);
      if (flags.get("in").isEmpty()) {
        err.println("Please provide the input manifest as `lpnode bench -in <input.m3u8>`");
        err.print(flags.usage());
        return 1;
      }
      TranscodeBench bench = new TranscodeBench(out, err, flags, playlist(Path.of(flags.get("in"))), ladder(flags),
          settings(flags));
      return bench.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("bench: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("bench: failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  private static MediaPlaylist playlist(Path in) throws IOException, InterruptedException {
    if (in.getFileName().toString().endsWith(".m3u8")) {
      return MediaPlaylist.read(in);
    }
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "lpnode-bench-segments");
    return MediaPlaylist.read(SegmentCutter.cut(in, cache));
  }

  private static List<VideoProfile> ladder(Flags flags) throws IOException {
    if (flags.isSet("transcodingOptions")) {
      return LadderParser.parse(flags.get("transcodingOptions"));
    }
    try (InputStream json = TranscodeBench.class.getResourceAsStream("transcodingOptions.json")) {
      return LadderParser.parseJson(new String(json.readAllBytes(), StandardCharsets.UTF_8));
    } catch (LadderException e) {
      throw new IllegalStateException("built-in ladder: " + e.getMessage(), e);
    }
  }

  private static EngineSettings settings(Flags flags) {
    EngineSettings settings = EngineSettings.software().withX264Preset(flags.get("preset"))
        .withThreads(flags.getInt("encoderThreads"), flags.getInt("decoderThreads"))
        .withOutputCheck(flags.getBool("checkOutput"));
    List<Integer> gpus = GpuDevice.parseDevices(flags.get("nvidia"));
    return gpus.isEmpty() ? settings : settings.withNvidia(gpus, settings.nvencSessionCap());
  }

  private int run() throws Exception {
    int workers = flags.getInt("workers");
    err.print(new Table()
        .row("Source File", flags.get("in"))
        .row("Transcoding Options", flags.isSet("transcodingOptions") ? flags.get("transcodingOptions")
            : "transcodingOptions.json (240p0,360p0,480p0,720p0)")
        .row("Concurrent Sessions", sessions)
        .row("Live Mode", flags.getBool("live"))
        .row("Nvidia GPU IDs", settings.nvidiaDevices().isEmpty() ? "" : settings.nvidiaDevices())
        .row("Engine", workers > 0 ? workers + " worker process(es)" : "in-process")
        .row("x264 Preset / Threads", settings.x264Preset() + " / " + settings.encoderThreads())
        .render());

    Transcoder transcoder = workers > 0
        ? new TranscoderPool(settings, PoolSettings.of(workers, (sessions + workers - 1) / workers)
            .withWorkerJvmOptions(Arrays.stream(flags.get("workerJvm").split("\\s+")).filter(o -> !o.isEmpty()).toList()))
        : new InProcessTranscoder(settings, sessions);
    RssWatch rss = transcoder instanceof TranscoderPool pool ? new RssWatch(pool) : null;
    String baseline = flags.get("baseline");
    if (!baseline.isEmpty() && !baseline.equals("ffmpeg")) {
      throw new IllegalArgumentException("unknown -baseline " + baseline + "; supported: ffmpeg");
    }
    List<Contender> contenders = new ArrayList<>();
    contenders.add(new Contender("engine", new EngineRunner(transcoder, profiles, flags.get("outPrefix"), "engine"),
        rss == null ? n -> { } : rss::segmentDone));
    if (!baseline.isEmpty()) {
      contenders.add(new Contender("ffmpeg", new FfmpegRunner(profiles, settings, flags.get("outPrefix")), n -> { }));
    }
    if (flags.getBool("paired")) {
      return paired(contenders);
    }
    try {
      // Repeats alternate between the engine and the baseline, so both see the same machine noise.
      for (int r = 0; r < flags.getInt("repeat"); r++) {
        for (Contender contender : contenders) {
          if (contenders.size() > 1) {
            out.println("# " + contender.name + ", repeat " + (r + 1));
          }
          out.println("timestamp,session,segment,seg_dur,transcode_time,frames");
          contender.repeat();
        }
      }
    } finally {
      contenders.forEach(c -> c.runner.close());
    }
    if (rss != null) {
      err.println(rss.report());
    }
    for (Contender contender : contenders) {
      err.printf("%s throughput: %.3f s of video per s (wall %.1f s, %s)%n", contender.name, contender.throughput(),
          contender.wallSeconds, contender.cpuText());
    }
    if (contenders.size() > 1) {
      Contender engine = contenders.get(0);
      Contender ffmpeg = contenders.get(1);
      err.printf("median transcode time: engine %.3f s, ffmpeg %.3f s (engine/ffmpeg %.3f)%n",
          engine.all.medianSeconds(), ffmpeg.all.medianSeconds(), engine.all.medianSeconds() / ffmpeg.all.medianSeconds());
      if (!Double.isNaN(engine.cpuSeconds)) {
        err.printf("CPU per second of video: engine %.3f s, ffmpeg %.3f s (ffmpeg/engine %.3f)%n",
            engine.cpuSeconds / engine.all.sourceSeconds(), ffmpeg.cpuSeconds / ffmpeg.all.sourceSeconds(),
            (ffmpeg.cpuSeconds / ffmpeg.all.sourceSeconds()) / (engine.cpuSeconds / engine.all.sourceSeconds()));
      }
      err.printf("engine/ffmpeg throughput ratio: %.3f%n", engine.throughput() / ffmpeg.throughput());
    }
    if (flags.getBool("profile")) {
      err.print(new StageProfile(profiles, settings, limitedSegments()).run());
    }
    return 0;
  }

  /** Engine against ffmpeg (-baseline), or worker processes against in-process (-workers), segment by segment. */
  private int paired(List<Contender> contenders) throws Exception {
    boolean workers = flags.getInt("workers") > 0;
    boolean baseline = contenders.size() == 2;
    if (baseline == workers) {
      throw new IllegalArgumentException("-paired compares one pair: give -baseline ffmpeg or -workers N");
    }
    SegmentRunner engine = contenders.get(0).runner;
    SegmentRunner other = workers
        ? new EngineRunner(new InProcessTranscoder(settings, sessions), profiles, flags.get("outPrefix"), "in-process")
        : contenders.get(1).runner;
    PairedLatency latency = workers
        ? new PairedLatency("workers", engine, "in-process", other, limitedSegments(), sessions)
        : new PairedLatency("engine", engine, "ffmpeg", other, limitedSegments(), sessions);
    try {
      latency.run(flags.getInt("repeat"), out);
    } finally {
      engine.close();
      other.close();
    }
    err.print(latency.report());
    return 0;
  }

  /** The playlist's first {@code -segs} segments (all by default). */
  private List<MediaPlaylist.Segment> limitedSegments() {
    int limit = flags.getInt("segs");
    return limit > 0 && limit < playlist.segments().size() ? playlist.segments().subList(0, limit) : playlist.segments();
  }

  /** The engine or the baseline: its runner and what its repeats measured. */
  private final class Contender {
    private final String name;
    private final SegmentRunner runner;
    private final IntConsumer segmentDone;
    private final SessionStats all = new SessionStats();
    private double wallSeconds;
    private double cpuSeconds;

    Contender(String name, SegmentRunner runner, IntConsumer segmentDone) {
      this.name = name;
      this.runner = runner;
      this.segmentDone = segmentDone;
    }

    void repeat() throws Exception {
      SessionStats stats = new SessionStats();
      double cpuBefore = runner.cpuSeconds();
      runSessions(runner, stats, all, segmentDone);
      cpuSeconds += runner.cpuSeconds() - cpuBefore;
      wallSeconds += stats.wallSeconds();
      err.print(stats.table(sessions));
    }

    /** Seconds of video per second of wall time, over its own repeats. */
    double throughput() {
      return wallSeconds == 0 ? 0 : all.sourceSeconds() / wallSeconds;
    }

    String cpuText() {
      if (Double.isNaN(cpuSeconds)) {
        return "CPU not measured in worker processes";
      }
      int cores = Runtime.getRuntime().availableProcessors();
      return String.format("CPU %.1f s, %.0f%% of %d cores busy", cpuSeconds, 100 * cpuSeconds / (wallSeconds * cores),
          cores);
    }
  }

  /** Starts the sessions {@code -concurrentSessionDelay} apart and waits for all of them. */
  private void runSessions(SegmentRunner runner, SessionStats stats, SessionStats all, IntConsumer segmentDone)
      throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    Duration delay = flags.getDuration("concurrentSessionDelay");
    for (int k = 0; k < sessions; k++) {
      int session = k;
      Thread thread = new Thread(() -> {
        try {
          session(runner, session, stats, all, segmentDone);
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-session-" + k);
      thread.start();
      threads.add(thread);
      if (k + 1 < sessions) {
        Thread.sleep(delay.toMillis());
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void session(SegmentRunner runner, int session, SessionStats stats, SessionStats all,
      IntConsumer segmentDone) throws Exception {
    int limit = flags.getInt("segs");
    int count = 0;
    try {
      for (int loop = 0; loop < flags.getInt("loop"); loop++) {
        for (MediaPlaylist.Segment segment : playlist.segments()) {
          if (limit > 0 && count >= limit) {
            return;
          }
          long start = System.nanoTime();
          long frames;
          try {
            frames = runner.transcode(session, segment);
          } catch (Exception e) {
            throw new IllegalStateException("Transcoding failed for session " + session + " segment " + count + ": "
                + e.getMessage(), e);
          }
          long end = System.nanoTime();
          out.printf("%s,%d,%d,%s,%s,%d%n", GoFormat.timestamp(LocalDateTime.now()), session, count,
              GoFormat.float4(segment.durationSeconds()), GoFormat.float4((end - start) / 1e9), frames);
          stats.add(segment.durationSeconds(), start, end);
          all.add(segment.durationSeconds(), start, end);
          segmentDone.accept(all.segments());
          count++;
          if (flags.getBool("live")) {
            long left = (long) (segment.durationSeconds() * 1e9) - (System.nanoTime() - start);
            if (left > 0) {
              Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
          }
        }
      }
    } finally {
      runner.endSession(session);
    }
  }
}
