package dev.lpnode.gateway.playback;

import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.media.MediaInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One stream's HLS playlists, held in memory as go-livepeer does: a master playlist with a variant
 * per rendition, and per rendition a sliding window of the last {@value #LIVE_WINDOW} segments.
 * The {@value #RETAINED} newest segments of each rendition stay downloadable (a player a little
 * behind the window still gets its segment); older ones are dropped, so memory is bounded.
 *
 * <p>Every rendition of a segment is published at once and gets the same media sequence number,
 * so players can switch renditions by sequence number. Thread-safe.
 */
public final class StreamPlaylists {
  /** go-livepeer's LIVE_LIST_LENGTH. */
  public static final int LIVE_WINDOW = 6;
  /** go-livepeer's memory store keeps the 12 most recent files per rendition. */
  public static final int RETAINED = 12;

  /** One downloadable segment. */
  public record Segment(long seq, long mediaSequence, long durationMs, byte[] data, String extension, String mimeType) {}

  private final String manifestId;
  private final Map<String, Track> tracks = new LinkedHashMap<>();
  private long nextMediaSequence;
  private long lastSeq = -1;
  private boolean ended;

  public StreamPlaylists(String manifestId) {
    this.manifestId = manifestId;
  }

  /**
   * Lists a segment's renditions. Segments must come in increasing sequence order; one that is
   * not newer than the last published is not listed (returns false).
   */
  public synchronized boolean publish(long seq, long durationMs, List<Rendition> renditions) {
    if (seq <= lastSeq || ended) {
      return false;
    }
    lastSeq = seq;
    long mediaSequence = nextMediaSequence++;
    for (Rendition r : renditions) {
      Segment segment = new Segment(seq, mediaSequence, durationMs, r.data(), r.format().extension(), r.format().mimeType());
      tracks.computeIfAbsent(r.name(), Track::new).add(segment, r.media());
    }
    return true;
  }

  /** The stream is over: playlists get EXT-X-ENDLIST and accept no more segments. */
  public synchronized void end() {
    ended = true;
  }

  public synchronized boolean ended() {
    return ended;
  }

  /** The rendition names that have segments, source first. */
  public synchronized List<String> renditions() {
    return List.copyOf(tracks.keySet());
  }

  /** The master playlist, once a segment has been published. */
  public synchronized Optional<String> masterPlaylist() {
    if (tracks.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
    for (Track track : tracks.values()) {
      m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, track.peakBitrate));
      if (track.media.hasVideo()) {
        m3u8.append(",RESOLUTION=").append(track.media.width()).append('x').append(track.media.height());
      }
      if (!track.media.codecs().isEmpty()) {
        m3u8.append(",CODECS=\"").append(track.media.codecs()).append('"');
      }
      m3u8.append('\n').append(encode(manifestId)).append('/').append(encode(track.name)).append(".m3u8\n");
    }
    return Optional.of(m3u8.toString());
  }

  /** A rendition's media playlist: the live window, and EXT-X-ENDLIST once the stream ended. */
  public synchronized Optional<String> mediaPlaylist(String rendition) {
    Track track = tracks.get(rendition);
    if (track == null) {
      return Optional.empty();
    }
    List<Segment> window = track.segments.stream().skip(Math.max(0, track.segments.size() - LIVE_WINDOW)).toList();
    StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
    m3u8.append("#EXT-X-TARGETDURATION:").append(track.targetDurationSeconds).append('\n');
    m3u8.append("#EXT-X-MEDIA-SEQUENCE:").append(window.get(0).mediaSequence()).append('\n');
    String prefix = encode(rendition) + "/";
    for (Segment s : window) {
      m3u8.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", s.durationMs() / 1000.0)).append(",\n");
      m3u8.append(prefix).append(s.seq()).append(s.extension()).append('\n');
    }
    if (ended) {
      m3u8.append("#EXT-X-ENDLIST\n");
    }
    return Optional.of(m3u8.toString());
  }

  /** A retained segment of a rendition. */
  public synchronized Optional<Segment> segment(String rendition, long seq) {
    Track track = tracks.get(rendition);
    if (track == null) {
      return Optional.empty();
    }
    return track.segments.stream().filter(s -> s.seq() == seq).findFirst();
  }

  /** Bytes of segment data held. */
  public synchronized long bytesHeld() {
    return tracks.values().stream().mapToLong(t -> t.bytes).sum();
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** One rendition's retained segments and what its variant entry says. */
  private static final class Track {
    final String name;
    final ArrayDeque<Segment> segments = new ArrayDeque<>();
    MediaInfo media = MediaInfo.NONE;
    long peakBitrate;
    long targetDurationSeconds = 1;
    long bytes;

    Track(String name) {
      this.name = name;
    }

    void add(Segment segment, MediaInfo segmentMedia) {
      segments.addLast(segment);
      bytes += segment.data().length;
      media = segmentMedia;
      // HLS BANDWIDTH is the peak segment bit rate; a target duration never shrinks (RFC 8216 §4.3.3.1).
      peakBitrate = Math.max(peakBitrate, segment.data().length * 8_000L / Math.max(1, segment.durationMs()));
      targetDurationSeconds = Math.max(targetDurationSeconds, (segment.durationMs() + 999) / 1000);
      Iterator<Segment> oldest = segments.iterator();
      while (segments.size() > RETAINED) {
        bytes -= oldest.next().data().length;
        oldest.remove();
      }
    }
  }
}
