package dev.lpnode.gateway.ingest;

import dev.lpnode.config.ladder.VideoProfile;
import java.util.List;
import java.util.Objects;

/**
 * A live stream's identity and what it should be transcoded into.
 *
 * @param manifestId the stream's ID: its playlists are at {@code /stream/<manifestId>.m3u8}
 * @param profiles   the transcoding ladder for its segments
 */
public record StreamConfig(String manifestId, List<VideoProfile> profiles) {
  public StreamConfig {
    Objects.requireNonNull(manifestId, "manifestId");
    profiles = List.copyOf(profiles);
  }
}
