package dev.lpnode.gateway.stream;

import dev.lpnode.gateway.ingest.StreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The gateway's streams by manifest ID. One live stream per manifest ID (go-livepeer refuses a
 * second publisher with "Manifest already exists"), at most {@code maxStreams} live at once. An
 * HTTP push stream ends after {@code pushIdleTimeout} without a segment (go-livepeer's 60 s); an
 * ended stream's playlists stay readable for {@code linger}, then it is forgotten. Time comes
 * from the given clock; {@link #sweep()} applies the timeouts. Thread-safe.
 */
public final class StreamRegistry {
  /** Manifest IDs become URL path segments: letters, digits and {@code . _ ~ -}, starting with a letter or digit. */
  private static final Pattern MANIFEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,127}");

  private final int maxStreams;
  private final long pushIdleNanos;
  private final long lingerNanos;
  private final LongSupplier nanoClock;
  private final Map<String, LiveStream> streams = new HashMap<>();

  public StreamRegistry(int maxStreams, Duration pushIdleTimeout, Duration linger, LongSupplier nanoClock) {
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be at least 1");
    }
    this.maxStreams = maxStreams;
    this.pushIdleNanos = pushIdleTimeout.toNanos();
    this.lingerNanos = linger.toNanos();
    this.nanoClock = nanoClock;
  }

  public static boolean validManifestId(String id) {
    return id != null && MANIFEST_ID.matcher(id).matches();
  }

  /** Starts an RTMP stream; an ended stream of the same ID is replaced. */
  public synchronized LiveStream openRtmp(StreamConfig config) throws StreamRejectedException {
    LiveStream existing = streams.get(config.manifestId());
    if (existing != null && !existing.ended()) {
      throw new StreamRejectedException("Manifest already exists: " + config.manifestId());
    }
    return add(config, LiveStream.Source.RTMP);
  }

  /**
   * The live stream a pushed segment belongs to: the existing one (whatever its source), or a new
   * HTTP push stream configured by {@code config} (called only then).
   */
  public synchronized LiveStream pushStream(String manifestId, Supplier<StreamConfig> config)
      throws StreamRejectedException {
    LiveStream existing = streams.get(manifestId);
    if (existing != null && !existing.ended()) {
      existing.touch(nanoClock.getAsLong());
      return existing;
    }
    return add(config.get(), LiveStream.Source.HTTP_PUSH);
  }

  public synchronized Optional<LiveStream> get(String manifestId) {
    return Optional.ofNullable(streams.get(manifestId));
  }

  /** Ends a stream: its playlists close with EXT-X-ENDLIST and stay readable for the linger time. */
  public synchronized void end(LiveStream stream) {
    stream.end(nanoClock.getAsLong());
  }

  /** Notes activity on a stream, which keeps an HTTP push stream alive. */
  public void touch(LiveStream stream) {
    stream.touch(nanoClock.getAsLong());
  }

  /** Streams not ended. */
  public synchronized int live() {
    return (int) streams.values().stream().filter(s -> !s.ended()).count();
  }

  /** Ends idle push streams and forgets streams ended longer than the linger time; returns the IDs forgotten. */
  public synchronized List<String> sweep() {
    long now = nanoClock.getAsLong();
    List<String> removed = new ArrayList<>();
    for (LiveStream s : List.copyOf(streams.values())) {
      if (!s.ended() && s.source() == LiveStream.Source.HTTP_PUSH && now - s.lastActivityNanos() > pushIdleNanos) {
        s.end(now);
      }
      if (s.ended() && now - s.endedNanos() >= lingerNanos) {
        streams.remove(s.manifestId());
        removed.add(s.manifestId());
      }
    }
    return removed;
  }

  private LiveStream add(StreamConfig config, LiveStream.Source source) throws StreamRejectedException {
    if (!validManifestId(config.manifestId())) {
      throw new StreamRejectedException("invalid manifest ID '" + config.manifestId()
          + "': use letters, digits and . _ ~ - (at most 128)");
    }
    if (live() >= maxStreams) {
      throw new StreamRejectedException("Too many connections: " + maxStreams + " streams are live");
    }
    LiveStream stream = new LiveStream(config, source, nanoClock.getAsLong());
    streams.put(config.manifestId(), stream);
    return stream;
  }
}
