package dev.lpnode.bench.orchestrator;

import dev.lpnode.transcoder.engine.FFmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The segment the bench sends: the first 2 s of a real capture (e.g. {@code testdata/bad-cuvid.ts},
 * 1080p30), re-encoded with one keyframe at its start at 4 Mbit/s, so that it weighs about 1 MB, as a
 * broadcaster's encoder would cut it. Made by the {@code ffmpeg} program inside the bytedeco jar.
 */
final class SampleSegment {
  static final long DURATION_MS = 2000;
  /** The warm-up segment: a few frames, cheap to transcode, over the same protocol paths. */
  static final long WARMUP_DURATION_MS = 100;
  private static final String BITRATE = "4000k";

  private SampleSegment() {}

  /** The first {@code durationMs} of {@code source}, as described above. */
  static byte[] cut(Path source, Path dir, long durationMs) throws IOException, InterruptedException {
    if (!Files.isRegularFile(source)) {
      throw new IOException("no such file: " + source + " (run from the repository root, or pass -source)");
    }
    Path segment = dir.resolve("segment-" + durationMs + ".ts");
    List<String> command = List.of(FFmpeg.programPath(), "-hide_banner", "-nostdin", "-loglevel", "error",
        "-i", source.toString(), "-t", Double.toString(durationMs / 1000.0), "-c:v", "libx264", "-preset", "veryfast",
        "-b:v", BITRATE, "-maxrate", BITRATE, "-bufsize", BITRATE, "-g", "600", "-sc_threshold", "0",
        "-c:a", "copy", "-f", "mpegts", segment.toString());
    Process ffmpeg = new ProcessBuilder(command).inheritIO().start();
    if (ffmpeg.waitFor() != 0) {
      throw new IOException("ffmpeg could not cut " + source + " (exit " + ffmpeg.exitValue() + ")");
    }
    return Files.readAllBytes(segment);
  }
}
