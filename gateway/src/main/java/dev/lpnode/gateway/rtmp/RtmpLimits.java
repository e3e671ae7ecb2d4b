package dev.lpnode.gateway.rtmp;

import java.time.Duration;

/**
 * What one RTMP connection may cost. A client that exceeds any of these is dropped, so a hostile
 * or broken publisher holds a bounded amount of memory and never affects the others.
 *
 * @param publishTimeout     time from accept to a successful {@code publish} (handshake included)
 * @param idleTimeout        longest silence from a connected client
 * @param maxChunkSize       largest chunk size a client may announce with Set Chunk Size
 * @param maxMessageSize     largest message a client may announce in a chunk header
 * @param maxChunkStreams    distinct chunk stream IDs a client may use
 * @param maxBufferedBytes   bytes of partly received messages held at once, over all chunk streams
 * @param maxConnections     simultaneous connections to the server; more are refused
 */
public record RtmpLimits(
    Duration publishTimeout,
    Duration idleTimeout,
    int maxChunkSize,
    int maxMessageSize,
    int maxChunkStreams,
    int maxBufferedBytes,
    int maxConnections) {

  /** Generous for real encoders (4K keyframes, OBS, ffmpeg), tight for everything else. */
  public static final RtmpLimits DEFAULT = new RtmpLimits(
      Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20, 8 << 20, 32, 16 << 20, 128);

  public RtmpLimits {
    if (publishTimeout.isNegative() || publishTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("RTMP timeouts must be positive");
    }
    if (maxChunkSize < 128 || maxMessageSize < 1024 || maxChunkStreams < 2 || maxBufferedBytes < maxMessageSize
        || maxConnections < 1) {
      throw new IllegalArgumentException("RTMP limits out of range: " + maxChunkSize + ", " + maxMessageSize + ", "
          + maxChunkStreams + ", " + maxBufferedBytes + ", " + maxConnections);
    }
  }
}
