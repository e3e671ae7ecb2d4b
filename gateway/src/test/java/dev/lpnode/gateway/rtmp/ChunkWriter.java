package dev.lpnode.gateway.rtmp;

import java.io.ByteArrayOutputStream;

/** Writes client-side chunks with any header, for tests of the decoder and of hostile input. */
final class ChunkWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A chunk header: basic header for {@code csid}, then the fields format {@code fmt} carries. */
  ChunkWriter header(int fmt, int csid, long timestamp, int length, int type, int streamId, boolean extended) {
    if (csid < 64) {
      out.write((fmt << 6) | csid);
    } else if (csid < 320) {
      out.write(fmt << 6);
      out.write(csid - 64);
    } else {
      out.write((fmt << 6) | 1);
      out.write((csid - 64) & 0xFF);
      out.write((csid - 64) >>> 8);
    }
    long field = extended ? 0xFFFFFF : timestamp;
    if (fmt <= 2) {
      int24(field);
    }
    if (fmt <= 1) {
      int24(length);
      out.write(type);
    }
    if (fmt == 0) {
      out.write(streamId);
      out.write(streamId >>> 8);
      out.write(streamId >>> 16);
      out.write(streamId >>> 24);
    }
    if (extended) {
      out.write((int) (timestamp >>> 24));
      int24(timestamp);
    }
    return this;
  }

  ChunkWriter raw(byte[] data, int offset, int length) {
    out.write(data, offset, length);
    return this;
  }

  ChunkWriter raw(byte[] data) {
    out.writeBytes(data);
    return this;
  }

  /** Small payloads written as ints, for readability. */
  ChunkWriter bytes(int... values) {
    for (int v : values) {
      out.write(v);
    }
    return this;
  }

  /** A whole message on one chunk stream: a type 0 header, then type 3 continuation headers. */
  ChunkWriter message(int csid, long timestamp, int type, int streamId, byte[] payload, int chunkSize) {
    boolean extended = timestamp >= 0xFFFFFF;
    header(0, csid, timestamp, payload.length, type, streamId, extended);
    for (int offset = 0; offset < payload.length; offset += chunkSize) {
      if (offset > 0) {
        header(3, csid, timestamp, 0, 0, 0, extended);
      }
      raw(payload, offset, Math.min(chunkSize, payload.length - offset));
    }
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void int24(long v) {
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
  }
}
