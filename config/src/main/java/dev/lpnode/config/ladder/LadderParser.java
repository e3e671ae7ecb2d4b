package dev.lpnode.config.ladder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a transcoding ladder the way go-livepeer's {@code -transcodingOptions} does: either a
 * comma-separated list of preset names, or the path of a JSON file holding an array of profiles
 * ({@code name, width, height, bitrate, fps, fpsDen, profile, gop, encoder, quality}).
 */
public final class LadderParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> JSON_FIELDS = Set.of(
      "name", "width", "height", "bitrate", "fps", "fpsDen", "profile", "gop", "encoder", "quality",
      "colorDepth", "chromaFormat", "format");

  private LadderParser() {}

  /** A preset list, or a JSON file when {@code option} names an existing file. */
  public static List<VideoProfile> parse(String option) {
    if (option == null || option.isBlank()) {
      throw new LadderException("transcoding options are empty");
    }
    String trimmed = option.trim();
    if (trimmed.endsWith(".json") || Files.isRegularFile(Path.of(trimmed))) {
      return parseFile(Path.of(trimmed));
    }
    return parsePresets(trimmed);
  }

  /** A comma-separated list of preset names such as {@code P240p30fps16x9,P360p30fps16x9}. */
  public static List<VideoProfile> parsePresets(String names) {
    List<VideoProfile> ladder = new ArrayList<>();
    for (String raw : names.split(",")) {
      String name = raw.trim();
      if (name.isEmpty()) {
        continue;
      }
      ladder.add(Presets.byName(name).orElseThrow(() -> new LadderException(
          "unknown transcoding profile '" + name + "'; presets are " + String.join(",", Presets.all().keySet().stream().sorted().toList()))));
    }
    return checked(ladder);
  }

  public static List<VideoProfile> parseFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new LadderException("cannot read transcoding options file " + file + ": " + e.getMessage());
    }
    return parseJson(text);
  }

  /** A JSON array of profiles in go-livepeer's format. */
  public static List<VideoProfile> parseJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new LadderException("unable to unmarshal the passed transcoding option: " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw new LadderException("transcoding options JSON must be an array of profiles");
    }
    List<VideoProfile> ladder = new ArrayList<>();
    for (JsonNode node : root) {
      ladder.add(profileOf(node));
    }
    return checked(ladder);
  }

  private static VideoProfile profileOf(JsonNode node) {
    if (!node.isObject()) {
      throw new LadderException("each transcoding profile must be a JSON object, got " + node);
    }
    node.fieldNames().forEachRemaining(field -> {
      if (!JSON_FIELDS.contains(field)) {
        throw new LadderException("unknown field '" + field + "' in transcoding profile " + node);
      }
    });
    int width = intField(node, "width");
    int height = intField(node, "height");
    int bitrate = intField(node, "bitrate");
    String name = node.path("name").asText("");
    if (name.isEmpty()) {
      name = VideoProfile.defaultName("custom_", width, height, bitrate);
    }
    try {
      return new VideoProfile(name, width, height, bitrate, intField(node, "fps"), intField(node, "fpsDen"),
          formatOf(node.path("format").asText("")), h264ProfileOf(node.path("profile").asText("")),
          gopOf(node.get("gop")), codecOf(node.path("encoder").asText("")), intField(node, "quality"));
    } catch (IllegalArgumentException e) {
      throw new LadderException(e.getMessage());
    }
  }

  private static int intField(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new LadderException("transcoding profile field '" + field + "' must be an integer, got " + value);
    }
    return value.intValue();
  }

  /** GOP in seconds as go-livepeer writes it ("2", "0.5", "intra"); a bare number is accepted too. */
  static int gopOf(JsonNode gop) {
    if (gop == null || gop.isNull() || gop.asText().isEmpty()) {
      return VideoProfile.GOP_DEFAULT;
    }
    String text = gop.asText().trim();
    if (text.equals("intra")) {
      return VideoProfile.GOP_INTRA_ONLY;
    }
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new LadderException("cannot parse the GOP value in the transcoding options: " + text);
    }
    if (seconds.signum() <= 0) {
      throw new LadderException("invalid gop value " + text + ". Please set it to a positive value");
    }
    long ms = seconds.movePointRight(3).longValue();
    if (ms < 1 || ms > Integer.MAX_VALUE) {
      throw new LadderException("gop value out of range: " + text);
    }
    return (int) ms;
  }

  static VideoProfile.H264Profile h264ProfileOf(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.isEmpty()) {
      return VideoProfile.H264Profile.NONE;
    }
    return Arrays.stream(VideoProfile.H264Profile.values())
        .filter(p -> p.jsonName().equals(key))
        .findFirst()
        .orElseThrow(() -> new LadderException("unable to parse the H264 encoder profile: unknown VideoProfile profile name '" + name + "'"));
  }

  static VideoProfile.VideoCodec codecOf(String name) {
    if (name.isEmpty()) {
      return VideoProfile.VideoCodec.H264;
    }
    return Arrays.stream(VideoProfile.VideoCodec.values())
        .filter(c -> c.jsonName().equals(name))
        .findFirst()
        .orElseThrow(() -> new LadderException("Unable to parse encoder profile, unknown encoder: " + name));
  }

  static VideoProfile.Format formatOf(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "", "mpegts", "ts" -> VideoProfile.Format.MPEGTS;
      case "mp4" -> VideoProfile.Format.MP4;
      default -> throw new LadderException("unrecognized profile output format: " + name);
    };
  }

  private static List<VideoProfile> checked(List<VideoProfile> ladder) {
    if (ladder.isEmpty()) {
      throw new LadderException("transcoding options name no profile");
    }
    Set<String> names = new HashSet<>();
    for (VideoProfile p : ladder) {
      if (!names.add(p.name())) {
        throw new LadderException("duplicate transcoding profile name '" + p.name() + "'");
      }
    }
    return List.copyOf(ladder);
  }
}
