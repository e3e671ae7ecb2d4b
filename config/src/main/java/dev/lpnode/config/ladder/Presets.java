package dev.lpnode.config.ladder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** lpms's built-in profiles, by name (spec/protocol.md §1.4). */
public final class Presets {
  private static final Map<String, VideoProfile> BY_NAME = new LinkedHashMap<>();

  static {
    add("P720p60fps16x9", 1280, 720, 6_000_000, 60);
    add("P720p30fps16x9", 1280, 720, 4_000_000, 30);
    add("P720p25fps16x9", 1280, 720, 3_500_000, 25);
    add("P720p30fps4x3", 960, 720, 3_500_000, 30);
    add("P576p30fps16x9", 1024, 576, 1_500_000, 30);
    add("P576p25fps16x9", 1024, 576, 1_500_000, 25);
    add("P360p30fps16x9", 640, 360, 1_200_000, 30);
    add("P360p25fps16x9", 640, 360, 1_000_000, 25);
    add("P360p30fps4x3", 480, 360, 1_000_000, 30);
    add("P240p30fps16x9", 426, 240, 600_000, 30);
    add("P240p25fps16x9", 426, 240, 600_000, 25);
    add("P240p30fps4x3", 320, 240, 600_000, 30);
    add("P144p30fps16x9", 256, 144, 400_000, 30);
    add("P144p25fps16x9", 256, 144, 400_000, 25);
  }

  private Presets() {}

  private static void add(String name, int width, int height, int bitrate, int fps) {
    BY_NAME.put(name, VideoProfile.of(name, width, height, bitrate, fps));
  }

  public static Optional<VideoProfile> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every preset, in lpms's order (largest first). */
  public static Map<String, VideoProfile> all() {
    return Map.copyOf(BY_NAME);
  }
}
