package dev.lpnode.bench.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.MediaInfo;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.transcoder.engine.FFmpeg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: each segment through a fresh run of the {@code ffmpeg} program from the bytedeco jar,
 * with the engine's exact settings. It pays process start-up, probing and encoder set-up per segment.
 */
final class FfmpegRunner implements SegmentRunner {
  private static final Pattern FRAME = Pattern.compile("(?m)^frame=(\\d+)");
  private static final Pattern BENCH = Pattern.compile("bench: utime=([\\d.]+)s stime=([\\d.]+)s");

  private final String program = FFmpeg.programPath();
  private final List<VideoProfile> profiles;
  private final EngineSettings settings;
  private final String outPrefix;
  private final Map<MediaPlaylist.Segment, MediaInfo> probes = new ConcurrentHashMap<>();
  private final DoubleAdder cpu = new DoubleAdder();

  FfmpegRunner(List<VideoProfile> profiles, EngineSettings settings, String outPrefix) {
    this.profiles = profiles;
    this.settings = settings;
    this.outPrefix = outPrefix;
  }

  /** The result of one ffmpeg run: frames of the first output and CPU seconds (user + system). */
  record Run(long frames, double cpuSeconds) {}

  @Override
  public long transcode(int session, MediaPlaylist.Segment segment) throws IOException, InterruptedException {
    List<String> outputs = new ArrayList<>();
    for (int n = 0; n < profiles.size(); n++) {
      outputs.add(outPrefix.isEmpty() ? "/dev/null"
          : String.format("%s_ffmpeg_%s_%d_%d_%d.ts", outPrefix, profiles.get(n).name(), n, session, segment.index()));
    }
    Run run = run(segment, outputs, FfmpegCommand.Stages.ALL);
    cpu.add(run.cpuSeconds());
    return run.frames();
  }

  /** User + system time of every ffmpeg run so far, as ffmpeg's {@code -benchmark} reports it. */
  @Override
  public double cpuSeconds() {
    return cpu.sum();
  }

  /** Runs ffmpeg on a segment doing {@code stages} of the work. */
  Run run(MediaPlaylist.Segment segment, List<String> outputs, FfmpegCommand.Stages stages)
      throws IOException, InterruptedException {
    // The engine sizes renditions from the decoded video; the command needs the same sizes up front.
    MediaInfo info = probes.computeIfAbsent(segment, s -> MediaProbe.probe(s.data()));
    List<String> command = FfmpegCommand.build(program, segment.file().toString(), info.width(), info.height(),
        profiles, settings, outputs, stages);
    Process process = new ProcessBuilder(command).start();
    String stderr;
    String stdout;
    try (InputStream err = process.getErrorStream(); InputStream out = process.getInputStream()) {
      ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
      Thread drain = new Thread(() -> {
        try {
          err.transferTo(errBytes);
        } catch (IOException e) {
          // process ended
        }
      }, "ffmpeg-stderr");
      drain.start();
      stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      drain.join();
      stderr = errBytes.toString(StandardCharsets.UTF_8);
    }
    if (process.waitFor() != 0) {
      throw new IOException("ffmpeg failed on " + segment.file() + ": " + stderr.trim());
    }
    long frames = 0;
    for (Matcher m = FRAME.matcher(stdout); m.find(); ) {
      frames = Long.parseLong(m.group(1));
    }
    Matcher bench = BENCH.matcher(stderr);
    double cpu = bench.find() ? Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2)) : Double.NaN;
    return new Run(frames, cpu);
  }
}
