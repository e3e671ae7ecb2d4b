package dev.lpnode.gateway.rtmp;

import java.time.Duration;

/**
 * What one RTMP connection may cost. A client that exceeds any of these is dropped, so a hostile
 * or broken publisher holds a bounded amount of memory and never affects the others.
 *
 * @param handshakeTimeout   time from accept to the end of the handshake (C2 received)
 * @param publishTimeout     time from accept to a successful {@code publish} (handshake included)
 * @param idleTimeout        longest silence from a connected client
 * @param maxChunkSize       largest chunk size a client may announce with Set Chunk Size
 * @param maxMessageSize     largest message a client may announce in a chunk header
 * @param maxChunkStreams    distinct chunk stream IDs a client may use
 * @param maxBufferedBytes   bytes of partly received messages held at once, over all chunk streams
 * @param maxConnections     simultaneous connections to the server; more are refused
 * @param maxPendingPerAddress connections from one IP address that are not publishing yet; more from
 *                           it are refused, so one address cannot take the others' places
 */
public record RtmpLimits(
    Duration handshakeTimeout,
    Duration publishTimeout,
    Duration idleTimeout,
    int maxChunkSize,
    int maxMessageSize,
    int maxChunkStreams,
    int maxBufferedBytes,
    int maxConnections,
    int maxPendingPerAddress) {

  /**
   * Generous for real encoders (4K keyframes, OBS, ffmpeg: handshake and publish take a few round
   * trips), tight for everything else.
   */
  public static final RtmpLimits DEFAULT = new RtmpLimits(Duration.ofSeconds(3), Duration.ofSeconds(5),
      Duration.ofSeconds(30), 1 << 20, 8 << 20, 32, 16 << 20, 128, 8);

  public RtmpLimits {
    for (Duration timeout : new Duration[] {handshakeTimeout, publishTimeout, idleTimeout}) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("RTMP timeouts must be positive");
      }
    }
    if (maxChunkSize < 128 || maxMessageSize < 1024 || maxChunkStreams < 2 || maxBufferedBytes < maxMessageSize
        || maxConnections < 1 || maxPendingPerAddress < 1) {
      throw new IllegalArgumentException("RTMP limits out of range: " + maxChunkSize + ", " + maxMessageSize + ", "
          + maxChunkStreams + ", " + maxBufferedBytes + ", " + maxConnections + ", " + maxPendingPerAddress);
    }
  }
}
