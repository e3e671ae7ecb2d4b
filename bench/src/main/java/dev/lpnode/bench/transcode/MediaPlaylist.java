package dev.lpnode.bench.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The segments of an HLS media playlist on disk (what livepeer_bench reads with {@code -in}). */
record MediaPlaylist(Path file, List<Segment> segments) {

  /** One segment: its file, its #EXTINF duration and its bytes. */
  record Segment(int index, Path file, double durationSeconds, byte[] data) {}

  static MediaPlaylist read(Path playlist) throws IOException {
    List<String> lines = Files.readAllLines(playlist);
    if (lines.isEmpty() || !lines.get(0).trim().equals("#EXTM3U")) {
      throw new IllegalArgumentException(playlist + " is not an m3u8 playlist");
    }
    if (lines.stream().anyMatch(l -> l.startsWith("#EXT-X-STREAM-INF"))) {
      throw new IllegalArgumentException("Expecting media playlist in the input " + playlist);
    }
    Path dir = playlist.toAbsolutePath().getParent();
    List<Segment> segments = new ArrayList<>();
    double duration = -1;
    for (String raw : lines) {
      String line = raw.trim();
      if (line.startsWith("#EXTINF:")) {
        String value = line.substring("#EXTINF:".length());
        int comma = value.indexOf(',');
        duration = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        if (duration < 0) {
          throw new IllegalArgumentException("segment " + line + " has no #EXTINF in " + playlist);
        }
        Path file = dir.resolve(line);
        segments.add(new Segment(segments.size(), file, duration, Files.readAllBytes(file)));
        duration = -1;
      }
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("Input manifest has no segments: " + playlist);
    }
    return new MediaPlaylist(playlist, List.copyOf(segments));
  }
}
