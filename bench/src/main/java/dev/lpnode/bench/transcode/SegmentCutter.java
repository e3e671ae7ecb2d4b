package dev.lpnode.bench.transcode;

import dev.lpnode.transcoder.engine.FFmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Turns a media file (e.g. {@code testdata/bad-cuvid.ts}) into a playlist of 2 s segments, as a
 * broadcaster's segmenter would: the video is re-encoded with a keyframe every 2 s (the source's GOP is
 * 8 s) at 6 Mbit/s, Livepeer's reference 1080p30 source rate; audio is copied. The result is cached.
 */
final class SegmentCutter {
  static final double SEGMENT_SECONDS = 2;
  static final String SOURCE_BITRATE = "6000k";

  private SegmentCutter() {}

  /** The playlist of {@code media} cut into segments, made once and kept under {@code cacheDir}. */
  static Path cut(Path media, Path cacheDir) throws IOException, InterruptedException {
    String name = media.getFileName().toString().replaceAll("\\.[^.]*$", "");
    Path dir = cacheDir.resolve(name + "-" + Files.size(media) + "-" + Files.getLastModifiedTime(media).toMillis());
    Path playlist = dir.resolve("index.m3u8");
    if (Files.exists(playlist)) {
      return playlist;
    }
    Path work = Files.createDirectories(cacheDir).resolve(dir.getFileName() + ".tmp");
    deleteTree(work);
    Files.createDirectories(work);
    System.err.println("bench: cutting " + media + " into " + (int) SEGMENT_SECONDS + " s segments in " + dir);
    List<String> command = List.of(FFmpeg.programPath(), "-hide_banner", "-loglevel", "error", "-nostdin",
        "-i", media.toString(), "-c:v", "libx264", "-preset", "veryfast", "-b:v", SOURCE_BITRATE,
        "-maxrate", SOURCE_BITRATE, "-bufsize", "12000k",
        "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")", "-c:a", "copy",
        "-f", "hls", "-hls_time", Double.toString(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
        "-hls_segment_filename", work.resolve("seg_%d.ts").toString(), work.resolve("index.m3u8").toString());
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IOException("ffmpeg could not cut " + media + " (exit " + process.exitValue() + ")");
    }
    Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
    return playlist;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
