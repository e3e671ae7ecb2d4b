package dev.lpnode.gateway.rtmp;

/** Writes the server's messages as chunks: a type 0 header, then type 3 headers per chunk. */
final class ChunkEncoder {
  private ChunkEncoder() {}

  /** {@code csid} must be in 2..63, which is all the server uses. */
  static byte[] encode(int csid, int typeId, int streamId, byte[] payload, int chunkSize) {
    int chunks = Math.max(1, (payload.length + chunkSize - 1) / chunkSize);
    byte[] out = new byte[12 + (chunks - 1) + payload.length];
    out[0] = (byte) csid;
    // timestamp 0 (3 bytes) stays zero
    out[4] = (byte) (payload.length >>> 16);
    out[5] = (byte) (payload.length >>> 8);
    out[6] = (byte) payload.length;
    out[7] = (byte) typeId;
    out[8] = (byte) streamId; // little-endian, unlike every other field
    out[9] = (byte) (streamId >>> 8);
    out[10] = (byte) (streamId >>> 16);
    out[11] = (byte) (streamId >>> 24);
    int at = 12;
    for (int offset = 0; offset < payload.length; offset += chunkSize) {
      if (offset > 0) {
        out[at++] = (byte) (0xC0 | csid);
      }
      int n = Math.min(chunkSize, payload.length - offset);
      System.arraycopy(payload, offset, out, at, n);
      at += n;
    }
    return out;
  }
}
