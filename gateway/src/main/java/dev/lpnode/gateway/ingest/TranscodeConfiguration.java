package dev.lpnode.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.config.ladder.LadderException;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * go-livepeer's auth-webhook response, also sent as the {@code Livepeer-Transcode-Configuration}
 * header of an HTTP push: JSON. Used here: {@code manifestID} (the stream's ID instead of the
 * URL's), {@code presets} (preset names) and {@code profiles} (JSON profiles), which make the
 * ladder. Unknown fields ({@code streamKey}, which protects RTMP playback this gateway does not
 * serve, object stores …) are ignored, as go-livepeer's JSON decoding ignores unknown ones.
 */
public record TranscodeConfiguration(String manifestId, List<String> presets, JsonNode profiles) {
  public static final String HEADER = "Livepeer-Transcode-Configuration";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @throws IllegalArgumentException with the JSON error, for the 400 answer */
  public static TranscodeConfiguration parse(String header) {
    JsonNode root;
    try {
      root = JSON.readTree(header);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the transcode configuration must be a JSON object");
    }
    List<String> presets = new ArrayList<>();
    root.path("presets").forEach(p -> presets.add(p.asText()));
    JsonNode profiles = root.get("profiles");
    return new TranscodeConfiguration(root.path("manifestID").asText(""), List.copyOf(presets),
        profiles == null || profiles.isNull() ? null : profiles);
  }

  /**
   * The ladder: presets then profiles, or {@code defaults} when neither is given (as go-livepeer).
   *
   * @throws LadderException for an unknown preset or an invalid profile
   */
  public List<VideoProfile> ladder(List<VideoProfile> defaults) {
    if (presets.isEmpty() && profiles == null) {
      return defaults;
    }
    List<VideoProfile> ladder = new ArrayList<>();
    if (!presets.isEmpty()) {
      ladder.addAll(LadderParser.parsePresets(String.join(",", presets)));
    }
    if (profiles != null && !profiles.isEmpty()) {
      ladder.addAll(LadderParser.parseJson(profiles.toString()));
    }
    return List.copyOf(ladder);
  }
}
