package dev.lpnode.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** The ffmpeg and ffprobe programs inside bytedeco's jar, and checks built on ffprobe. */
public final class MediaTools {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String ffmpeg;
  private static String ffprobe;

  private MediaTools() {}

  public static synchronized String ffmpeg() {
    if (ffmpeg == null) {
      ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }
    return ffmpeg;
  }

  public static synchronized String ffprobe() {
    if (ffprobe == null) {
      ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }
    return ffprobe;
  }

  public static Path testdata(String name) {
    return Path.of(System.getProperty("lpnode.testdata"), name);
  }

  /** Starts ffmpeg with the given arguments (after {@code -hide_banner -nostdin -loglevel error}); output to {@code log}. */
  public static Process startFfmpeg(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * ffmpeg publishing a lavfi test pattern (640x360, 30 fps, with a tone) over RTMP in real time,
   * with a keyframe every {@code gop} frames.
   */
  public static Process publishLavfi(Path log, String url, int seconds, int gop) throws IOException {
    return startFfmpeg(log, "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi",
        "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset",
        "ultrafast", "-g", String.valueOf(gop), "-keyint_min", String.valueOf(gop), "-sc_threshold", "0", "-pix_fmt",
        "yuv420p", "-c:a", "aac", "-f", "flv", url);
  }

  /** Runs ffmpeg to completion; fails with its output if it does not exit 0. */
  public static void runFfmpeg(Path log, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Process p = startFfmpeg(log, args);
    finish(p, log, timeoutSeconds);
  }

  public static void finish(Process p, Path log, long timeoutSeconds) throws IOException, InterruptedException {
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ffmpeg did not finish in " + timeoutSeconds + " s: " + Files.readString(log));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("ffmpeg exited " + p.exitValue() + ": " + Files.readString(log));
    }
  }

  /** What ffprobe says about a segment's first video stream, with frames counted. */
  public record VideoProbe(String codec, String profile, int width, int height, int frames, double startTime,
      double duration, boolean firstFrameKey, boolean hasAudio) {}

  public static VideoProbe probe(byte[] segment, Path dir) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "seg", ".ts");
    Files.write(file, segment);
    try {
      JsonNode info = json(file.toFile(), "-show_format", "-show_streams", "-count_frames");
      JsonNode video = null;
      boolean audio = false;
      for (JsonNode s : info.path("streams")) {
        if (s.path("codec_type").asText().equals("video") && video == null) {
          video = s;
        }
        audio |= s.path("codec_type").asText().equals("audio");
      }
      if (video == null) {
        return new VideoProbe("", "", 0, 0, 0, 0, info.path("format").path("duration").asDouble(), false, audio);
      }
      JsonNode firstFrame = json(file.toFile(), "-select_streams", "v:0", "-show_frames", "-read_intervals", "%+#1")
          .path("frames").path(0);
      return new VideoProbe(video.path("codec_name").asText(), video.path("profile").asText(),
          video.path("width").asInt(), video.path("height").asInt(), video.path("nb_read_frames").asInt(),
          info.path("format").path("start_time").asDouble(), info.path("format").path("duration").asDouble(),
          firstFrame.path("key_frame").asInt() == 1 && firstFrame.path("pict_type").asText().equals("I"), audio);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Decodes the whole segment; returns ffmpeg's error output (empty when it decodes cleanly). */
  public static String decodeErrors(byte[] segment, Path dir) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "seg", ".ts");
    Files.write(file, segment);
    try {
      Process p = new ProcessBuilder(ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(), "-f",
          "null", "-").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return p.exitValue() == 0 ? out.trim() : "exit " + p.exitValue() + ": " + out;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static JsonNode json(File file, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ffprobe(), "-v", "error", "-of", "json"));
    command.addAll(List.of(args));
    command.add(file.toString());
    Process p = new ProcessBuilder(command).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("ffprobe failed on " + file + ": " + err);
    }
    return JSON.readTree(out);
  }
}
