package dev.lpnode.bench.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.engine.FFmpeg;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the CPU time goes. The ffmpeg program runs each segment four times, doing a little more work
 * each time (decode; + scale; + encode; + mux and audio copy), and reports its CPU time; the
 * differences are the stages. The engine's CPU time for the same segments (one at a time, in this
 * process) is then compared with the pure encoding time, which no implementation can avoid.
 */
final class StageProfile {
  private static final Pattern BENCH = Pattern.compile("bench: utime=([\\d.]+)s stime=([\\d.]+)s");

  private final List<VideoProfile> profiles;
  private final EngineSettings settings;
  private final List<MediaPlaylist.Segment> segments;

  StageProfile(List<VideoProfile> profiles, EngineSettings settings, List<MediaPlaylist.Segment> segments) {
    this.profiles = profiles;
    this.settings = settings;
    this.segments = segments;
  }

  String run() throws Exception {
    FfmpegRunner ffmpeg = new FfmpegRunner(profiles, settings, "");
    List<String> nowhere = profiles.stream().map(p -> "/dev/null").toList();
    double video = 0;
    double[] cpu = new double[FfmpegCommand.Stages.values().length];
    for (MediaPlaylist.Segment segment : segments) {
      video += segment.durationSeconds();
      for (FfmpegCommand.Stages stage : FfmpegCommand.Stages.values()) {
        cpu[stage.ordinal()] += ffmpeg.run(segment, nowhere, stage).cpuSeconds();
      }
    }
    double startup = startupCpuSeconds() * segments.size();
    double decode = cpu[FfmpegCommand.Stages.DECODE.ordinal()];
    double scale = cpu[FfmpegCommand.Stages.SCALE.ordinal()];
    double encode = cpu[FfmpegCommand.Stages.ENCODE.ordinal()];
    double all = cpu[FfmpegCommand.Stages.ALL.ordinal()];
    double engine = engineCpuSeconds();
    double pureEncode = encode - scale;
    return new Table()
        .row("CPU s per s of video", "ffmpeg program, one segment at a time")
        .row("start-up (exec, libraries)", String.format("%.3f (%.1f%%)", startup / video, 100 * startup / all))
        .row("probe + demux + decode", share(decode - startup, video, all))
        .row("scale (" + profiles.size() + " renditions)", share(scale - decode, video, all))
        .row("encode (" + profiles.size() + " renditions)", share(pureEncode, video, all))
        .row("mux + audio copy", share(all - encode, video, all))
        .row("ffmpeg total", String.format("%.3f", all / video))
        .row("engine total (in-process, JVM included)", String.format("%.3f", engine / video))
        .row("engine CPU / pure encoding CPU", String.format("%.3f", engine / pureEncode))
        .row("engine CPU / ffmpeg CPU", String.format("%.3f", engine / all))
        .render();
  }

  private static String share(double seconds, double video, double total) {
    return String.format("%.3f (%.1f%%)", seconds / video, 100 * seconds / total);
  }

  /** CPU time of the ffmpeg program doing (almost) nothing: process start and library loading. */
  private static double startupCpuSeconds() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(FFmpeg.programPath(), "-hide_banner", "-loglevel", "info", "-nostdin",
        "-benchmark", "-f", "lavfi", "-i", "nullsrc=s=16x16:d=0.04", "-f", "null", "-")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    Matcher m = BENCH.matcher(output);
    return m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : 0;
  }

  /** CPU time of this process transcoding every segment once, one at a time. */
  private double engineCpuSeconds() throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (InProcessTranscoder transcoder = new InProcessTranscoder(settings, 1)) {
      long before = os.getProcessCpuTime();
      for (MediaPlaylist.Segment segment : segments) {
        transcoder.transcode(new TranscodeRequest("profile", segment.index(), segment.data(),
            Math.round(segment.durationSeconds() * 1000), profiles)).get();
      }
      return (os.getProcessCpuTime() - before) / 1e9;
    }
  }
}
