package dev.lpnode.gateway.rtmp;

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
 * the connection's event loop. Connections beyond {@link RtmpLimits#maxConnections()}, clients
 * that have not started publishing within {@link RtmpLimits#publishTimeout()} and clients silent
 * for {@link RtmpLimits#idleTimeout()} are dropped.
 */
public final class RtmpServer {
  private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

  private final Vertx vertx;
  private final RtmpLimits limits;
  private final PublishHandler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private final Random random = new SecureRandom();
  private final long startedAt = System.nanoTime();
  private NetServer server;

  public RtmpServer(Vertx vertx, RtmpLimits limits, PublishHandler handler) {
    this.vertx = vertx;
    this.limits = limits;
    this.handler = handler;
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
    if (connections.incrementAndGet() > limits.maxConnections()) {
      connections.decrementAndGet();
      LOG.warn("rtmp {}: refused, {} connections already open", remote, limits.maxConnections());
      socket.close();
      return;
    }
    RtmpSession session = new RtmpSession(limits, handler, new RtmpSession.Transport() {
      @Override
      public void send(byte[] bytes) {
        socket.write(Buffer.buffer(bytes));
      }

      @Override
      public void close() {
        socket.close();
      }
    }, remote, random, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    long publishTimer = vertx.setTimer(limits.publishTimeout().toMillis(), id -> {
      if (!session.publishing() && !session.closed()) {
        LOG.warn("rtmp {}: dropping connection: not publishing after {} ms", remote, limits.publishTimeout().toMillis());
        socket.close();
      }
    });
    socket.handler(buffer -> session.onData(buffer.getBytes()));
    socket.exceptionHandler(e -> LOG.debug("rtmp {}: {}", remote, e.toString()));
    socket.closeHandler(v -> {
      vertx.cancelTimer(publishTimer);
      connections.decrementAndGet();
      session.onClosed();
    });
  }
}
