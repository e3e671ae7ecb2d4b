package dev.lpnode.http;

import java.time.Duration;

/**
 * The time an HTTP connection may take for each step, so that a client that trickles holds a
 * connection for a bounded time whatever its rate; the same on every port of the node.
 *
 * @param tlsHandshake time from accept to the end of the TLS handshake
 * @param requestHead  time for a request head to arrive whole, from its first byte (on a new
 *                     HTTP/1.x connection: from the connection's start); on HTTP/2, for any frame
 *                     (or header block) to arrive whole once it started
 * @param idle         longest silence, in both directions, of an established connection
 */
public record PortDeadlines(Duration tlsHandshake, Duration requestHead, Duration idle) {
  /** Go's net/http and go-livepeer give no less to a real client; a client on a slow link needs a few round trips. */
  public static final Duration DEFAULT_TLS_HANDSHAKE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_HEAD = Duration.ofSeconds(10);

  public PortDeadlines {
    for (Duration d : new Duration[] {tlsHandshake, requestHead, idle}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("port deadlines must be positive: " + tlsHandshake + ", " + requestHead
            + ", " + idle);
      }
    }
  }

  /** The default handshake and request head deadlines, with the port's idle timeout. */
  public static PortDeadlines withIdle(Duration idle) {
    return new PortDeadlines(DEFAULT_TLS_HANDSHAKE, DEFAULT_REQUEST_HEAD, idle);
  }
}
