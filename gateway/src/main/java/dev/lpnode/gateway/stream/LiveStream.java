package dev.lpnode.gateway.stream;

import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.StreamConfig;
import dev.lpnode.gateway.playback.StreamPlaylists;
import java.util.List;

/** A stream being ingested, or recently ended: its configuration, playlists and publishing order. */
public final class LiveStream {
  /** How the broadcaster sends it. */
  public enum Source { RTMP, HTTP_PUSH }

  /** A processed segment waiting for its turn in the playlists. */
  record Processed(long seq, long durationMs, List<Rendition> renditions, long receivedNanos) {}

  private final StreamConfig config;
  private final Source source;
  private final StreamPlaylists playlists;
  private final PublishOrder<Processed> order = new PublishOrder<>();
  private volatile long lastActivityNanos;
  private volatile long endedNanos = -1;

  LiveStream(StreamConfig config, Source source, long nowNanos) {
    this.config = config;
    this.source = source;
    this.playlists = new StreamPlaylists(config.manifestId());
    this.lastActivityNanos = nowNanos;
  }

  public StreamConfig config() {
    return config;
  }

  public String manifestId() {
    return config.manifestId();
  }

  public Source source() {
    return source;
  }

  public StreamPlaylists playlists() {
    return playlists;
  }

  /** The broadcaster is gone (or idle too long); segments still in flight are listed before the playlists close. */
  public boolean ended() {
    return endedNanos >= 0;
  }

  PublishOrder<Processed> order() {
    return order;
  }

  void touch(long nowNanos) {
    lastActivityNanos = nowNanos;
  }

  long lastActivityNanos() {
    return lastActivityNanos;
  }

  synchronized void end(long nowNanos) {
    if (endedNanos < 0) {
      endedNanos = nowNanos;
    }
    closeIfDrained();
  }

  /** The pipeline released segments to the playlists. */
  synchronized void released() {
    closeIfDrained();
  }

  private void closeIfDrained() {
    if (endedNanos >= 0 && order.pending() == 0) {
      playlists.end();
    }
  }

  long endedNanos() {
    return endedNanos;
  }
}
