package dev.lpnode.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request head deadline of one HTTP connection, in its Netty pipeline: bytes that arrived
 * must make a whole request head (HTTP/1.x) or a whole frame (HTTP/2) within the deadline, or the
 * connection is closed. Silence is not trickling: between requests a connection waits for its
 * next one as long as the idle timeout allows, and an HTTP/2 connection that a client keeps open
 * for later requests (as the gateway's orchestrator client does) is never closed by it.
 *
 * <p>What it watches: the bytes as they arrive (after TLS), and what the protocol's decoder makes of
 * them: Netty's HTTP/1.x request heads and last contents, or every HTTP/2 frame read (a header
 * block counts once whole, CONTINUATIONs included). All of it runs on the connection's event loop.
 */
final class HeadDeadline {
  private final ChannelHandlerContext anchor;
  private final long deadlineNanos;
  private ScheduledFuture<?> timer;
  private boolean inRequest;

  private HeadDeadline(ChannelHandlerContext anchor, long deadlineNanos) {
    this.anchor = anchor;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Installs the deadline on an established connection's pipeline, and gives the connection the
   * port's real idle timeout in place of the guard that covered its start.
   */
  static void install(ChannelPipeline pipeline, PortDeadlines deadlines) {
    if (pipeline.get(PortGuard.IDLE) != null) {
      pipeline.replace(PortGuard.IDLE, PortGuard.IDLE,
          new IdleStateHandler(0, 0, deadlines.idle().toMillis(), TimeUnit.MILLISECONDS));
    }
    Bytes bytes = new Bytes();
    SslHandler ssl = pipeline.get(SslHandler.class);
    if (ssl != null) {
      pipeline.addAfter(pipeline.context(ssl).name(), "headDeadlineBytes", bytes);
    } else {
      pipeline.addFirst("headDeadlineBytes", bytes);
    }
    HeadDeadline deadline = new HeadDeadline(pipeline.context(bytes), deadlines.requestHead().toNanos());
    bytes.deadline = deadline;
    Http2ConnectionHandler http2 = pipeline.get(Http2ConnectionHandler.class);
    if (http2 != null) {
      http2.decoder().frameListener(new Frames(http2.decoder().frameListener(), deadline));
    } else {
      pipeline.addAfter("httpDecoder", "headDeadlineHeads", new Heads(deadline));
      deadline.start(); // the first request head is due from the connection's start
    }
  }

  private void bytesArrived() {
    if (!inRequest && timer == null) {
      start();
    }
  }

  private void start() {
    timer = anchor.executor().schedule(() -> anchor.channel().close(), deadlineNanos, TimeUnit.NANOSECONDS);
  }

  /** A whole head or frame: what arrived so far was not trickled. */
  private void completed() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** The raw bytes, as they arrive. */
  private static final class Bytes extends ChannelDuplexHandler {
    HeadDeadline deadline;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof ByteBuf b && b.isReadable()) {
        deadline.bytesArrived();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      deadline.completed();
      ctx.fireChannelInactive();
    }
  }

  /** HTTP/1.x: a request is in progress from its whole head to its last content. */
  private static final class Heads extends ChannelInboundHandlerAdapter {
    private final HeadDeadline deadline;

    Heads(HeadDeadline deadline) {
      this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest) {
        deadline.completed();
        deadline.inRequest = true;
      }
      if (msg instanceof LastHttpContent) {
        deadline.inRequest = false;
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** HTTP/2: each frame read, whatever its kind, is complete. */
  private static final class Frames extends Http2FrameListenerDecorator {
    private final HeadDeadline deadline;

    Frames(Http2FrameListener listener, HeadDeadline deadline) {
      super(listener);
      this.deadline = deadline;
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream)
        throws Http2Exception {
      deadline.completed();
      return super.onDataRead(ctx, streamId, data, padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
        boolean endStream) throws Http2Exception {
      deadline.completed();
      super.onHeadersRead(ctx, streamId, headers, padding, endStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
        short weight, boolean exclusive, int padding, boolean endStream) throws Http2Exception {
      deadline.completed();
      super.onHeadersRead(ctx, streamId, headers, streamDependency, weight, exclusive, padding, endStream);
    }

    @Override
    public void onPriorityRead(ChannelHandlerContext ctx, int streamId, int streamDependency, short weight,
        boolean exclusive) throws Http2Exception {
      deadline.completed();
      super.onPriorityRead(ctx, streamId, streamDependency, weight, exclusive);
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode)
        throws Http2Exception {
      deadline.completed();
      super.onRstStreamRead(ctx, streamId, errorCode);
    }

    @Override
    public void onSettingsAckRead(ChannelHandlerContext ctx) throws Http2Exception {
      deadline.completed();
      super.onSettingsAckRead(ctx);
    }

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings)
        throws Http2Exception {
      deadline.completed();
      super.onSettingsRead(ctx, settings);
    }

    @Override
    public void onPingRead(ChannelHandlerContext ctx, long data) throws Http2Exception {
      deadline.completed();
      super.onPingRead(ctx, data);
    }

    @Override
    public void onPingAckRead(ChannelHandlerContext ctx, long data) throws Http2Exception {
      deadline.completed();
      super.onPingAckRead(ctx, data);
    }

    @Override
    public void onPushPromiseRead(ChannelHandlerContext ctx, int streamId, int promisedStreamId, Http2Headers headers,
        int padding) throws Http2Exception {
      deadline.completed();
      super.onPushPromiseRead(ctx, streamId, promisedStreamId, headers, padding);
    }

    @Override
    public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData)
        throws Http2Exception {
      deadline.completed();
      super.onGoAwayRead(ctx, lastStreamId, errorCode, debugData);
    }

    @Override
    public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int windowSizeIncrement)
        throws Http2Exception {
      deadline.completed();
      super.onWindowUpdateRead(ctx, streamId, windowSizeIncrement);
    }

    @Override
    public void onUnknownFrame(ChannelHandlerContext ctx, byte frameType, int streamId, Http2Flags flags,
        ByteBuf payload) throws Http2Exception {
      deadline.completed();
      super.onUnknownFrame(ctx, frameType, streamId, flags, payload);
    }
  }
}
