package dev.lpnode.gateway.rtmp;

import dev.lpnode.config.log.ThrottledLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTMP ingest server on a Vert.x TCP server: one {@link RtmpSession} per connection, driven by
 * the connection's event loop. Connections beyond {@link RtmpLimits#maxConnections()}, or beyond
 * {@link RtmpLimits#maxPendingPerAddress()} not yet publishing from one address, are refused;
 * clients that have not finished the handshake within {@link RtmpLimits#handshakeTimeout()}, or
 * started publishing within {@link RtmpLimits#publishTimeout()}, and clients silent for
 * {@link RtmpLimits#idleTimeout()} are dropped. What clients cause is logged through a
 * {@link ThrottledLog}: a flood of them costs a line per cause per interval.
 */
public final class RtmpServer {
  private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);
  private static final ThrottledLog REFUSED = ThrottledLog.warn(LOG);

  private final Vertx vertx;
  private final RtmpLimits limits;
  private final PublishHandler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private final PendingConnections pending;
  private final Random random = new SecureRandom();
  private final long startedAt = System.nanoTime();
  private NetServer server;

  public RtmpServer(Vertx vertx, RtmpLimits limits, PublishHandler handler) {
    this.vertx = vertx;
    this.limits = limits;
    this.handler = handler;
    this.pending = new PendingConnections(limits.maxPendingPerAddress());
  }

  /** Starts listening; the future holds the bound port (useful with port 0). */
  public Future<Integer> listen(String host, int port) {
    NetServerOptions options = new NetServerOptions()
        .setHost(host)
        .setPort(port)
        .setTcpNoDelay(true)
        .setIdleTimeout((int) limits.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    server = vertx.createNetServer(options).connectHandler(this::accept);
    return server.listen().map(NetServer::actualPort);
  }

  /** Stops accepting and closes every connection; publications end. */
  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Connections open now. */
  public int connections() {
    return connections.get();
  }

  private void accept(NetSocket socket) {
    String remote = String.valueOf(socket.remoteAddress());
    String address = socket.remoteAddress().hostAddress();
    if (!pending.tryAdd(address)) {
      REFUSED.log("rtmp: refused", "{}: {} connections from this address are not publishing yet", remote,
          limits.maxPendingPerAddress());
      socket.close();
      return;
    }
    if (connections.incrementAndGet() > limits.maxConnections()) {
      connections.decrementAndGet();
      pending.remove(address);
      REFUSED.log("rtmp: refused", "{}: {} connections already open", remote, limits.maxConnections());
      socket.close();
      return;
    }
    boolean[] stillPending = {true};
    Runnable published = () -> {
      if (stillPending[0]) {
        stillPending[0] = false;
        pending.remove(address);
      }
    };
    PublishHandler counted = request -> handler.onPublish(request).onComplete(decided -> published.run());
    RtmpSession session = new RtmpSession(limits, counted, new RtmpSession.Transport() {
      @Override
      public void send(byte[] bytes) {
        socket.write(Buffer.buffer(bytes));
      }

      @Override
      public void close() {
        socket.close();
      }
    }, remote, random, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    long handshakeTimer = vertx.setTimer(limits.handshakeTimeout().toMillis(), id -> {
      if (!session.handshakeDone() && !session.closed()) {
        REFUSED.log("rtmp: no handshake in time", "{}: dropped after {} ms", remote, limits.handshakeTimeout().toMillis());
        socket.close();
      }
    });
    long publishTimer = vertx.setTimer(limits.publishTimeout().toMillis(), id -> {
      if (stillPending[0] && !session.closed()) { // a publisher that has unpublished may stay to publish again
        REFUSED.log("rtmp: no publish in time", "{}: dropped after {} ms", remote, limits.publishTimeout().toMillis());
        socket.close();
      }
    });
    socket.handler(buffer -> session.onData(buffer.getBytes()));
    socket.exceptionHandler(e -> LOG.debug("rtmp {}: {}", remote, e.toString()));
    socket.closeHandler(v -> {
      vertx.cancelTimer(handshakeTimer);
      vertx.cancelTimer(publishTimer);
      connections.decrementAndGet();
      published.run();
      session.onClosed();
    });
  }
}
