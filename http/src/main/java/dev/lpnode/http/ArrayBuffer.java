package dev.lpnode.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A Vert.x {@link Buffer} over an array, without the copy {@code Buffer.buffer(byte[])} makes: a
 * segment is up to 300 MB, and is sent many times (to each orchestrator tried, to each player).
 * The array must not change while the buffer is in use.
 */
public final class ArrayBuffer {
  private ArrayBuffer() {}

  public static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }
}
