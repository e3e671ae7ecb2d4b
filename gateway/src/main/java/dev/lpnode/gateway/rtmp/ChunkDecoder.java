package dev.lpnode.gateway.rtmp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from the chunk stream a client sends after the handshake. Pure: bytes
 * in, messages out, no I/O. Handles the four chunk header formats, extended timestamps, Set Chunk
 * Size and Abort itself, and enforces {@link RtmpLimits}: chunk size, message size, number of
 * chunk streams and bytes held for partly received messages. Buffers grow with the bytes that
 * actually arrive, so a header that announces a large message costs nothing until it is filled.
 */
final class ChunkDecoder {
  /** Receives each complete message other than Set Chunk Size and Abort. */
  interface MessageSink {
    void accept(RtmpMessage message) throws RtmpProtocolException, PublishException;
  }

  private static final int MAX_HEADER = 3 + 11 + 4;
  private static final int DEFAULT_CHUNK_SIZE = 128;
  private static final int EXTENDED = 0xFFFFFF;

  private final RtmpLimits limits;
  private final Map<Integer, ChunkStream> streams = new HashMap<>();
  /** Start of a header that has not fully arrived yet. */
  private final byte[] pending = new byte[MAX_HEADER];
  private int pendingLength;
  private int chunkSize = DEFAULT_CHUNK_SIZE;
  /** The chunk stream whose chunk payload is being read, and how much of that chunk is left. */
  private ChunkStream inChunk;
  private int chunkRemaining;
  private long announcedBytes;
  private long bytesReceived;

  ChunkDecoder(RtmpLimits limits) {
    this.limits = limits;
  }

  /** Total bytes fed so far; the connection acknowledges them. */
  long bytesReceived() {
    return bytesReceived;
  }

  int chunkSize() {
    return chunkSize;
  }

  void feed(byte[] data, int offset, int length, MessageSink sink) throws RtmpProtocolException, PublishException {
    bytesReceived += length;
    int pos = offset;
    int end = offset + length;
    while (pos < end) {
      if (inChunk != null) {
        int n = Math.min(chunkRemaining, end - pos);
        inChunk.append(data, pos, n);
        pos += n;
        chunkRemaining -= n;
        if (chunkRemaining == 0) {
          ChunkStream done = inChunk;
          inChunk = null;
          if (done.complete()) {
            deliver(done, sink);
          }
        }
        continue;
      }
      if (pendingLength > 0) {
        int before = pendingLength;
        int take = Math.min(MAX_HEADER - pendingLength, end - pos);
        System.arraycopy(data, pos, pending, pendingLength, take);
        pendingLength += take;
        int consumed = header(pending, 0, pendingLength, sink);
        if (consumed < 0) {
          pos += take; // everything went into pending, still not a full header
          continue;
        }
        pos += consumed - before;
        pendingLength = 0;
        continue;
      }
      int consumed = header(data, pos, end, sink);
      if (consumed < 0) {
        int rest = end - pos;
        System.arraycopy(data, pos, pending, 0, rest);
        pendingLength = rest;
        pos = end;
      } else {
        pos += consumed;
      }
    }
  }

  /** Parses one chunk header at {@code buf[pos..end)}; returns its length, or -1 if incomplete. */
  private int header(byte[] buf, int pos, int end, MessageSink sink) throws RtmpProtocolException, PublishException {
    int p = pos;
    int b0 = buf[p++] & 0xFF;
    int fmt = b0 >>> 6;
    int csid = b0 & 0x3F;
    if (csid == 0) {
      if (end - p < 1) {
        return -1;
      }
      csid = 64 + (buf[p++] & 0xFF);
    } else if (csid == 1) {
      if (end - p < 2) {
        return -1;
      }
      csid = 64 + (buf[p] & 0xFF) + ((buf[p + 1] & 0xFF) << 8);
      p += 2;
    }
    ChunkStream cs = streams.get(csid);
    if (cs == null && fmt != 0) {
      throw new RtmpProtocolException("chunk stream " + csid + " starts without a full (type 0) header");
    }
    int size = switch (fmt) {
      case 0 -> 11;
      case 1 -> 7;
      case 2 -> 3;
      default -> 0;
    };
    if (end - p < size) {
      return -1;
    }
    long tsField = size > 0 ? u24(buf, p) : cs.tsField;
    boolean extended = tsField == EXTENDED;
    if (extended && end - p - size < 4) {
      return -1;
    }
    // The whole header is here: from now on nothing is retried, so state may change.
    if (cs == null) {
      if (streams.size() >= limits.maxChunkStreams()) {
        throw new RtmpProtocolException("more than " + limits.maxChunkStreams() + " chunk streams");
      }
      cs = new ChunkStream();
      streams.put(csid, cs);
    }
    boolean startsMessage = cs.received == 0 && cs.payload == null;
    if (!startsMessage && fmt != 3) {
      throw new RtmpProtocolException("chunk stream " + csid + " interrupts a message with a type " + fmt + " header");
    }
    long tsValue = extended ? u32(buf, p + size) : tsField;
    if (fmt <= 1) {
      int length = u24(buf, p + 3);
      if (length > limits.maxMessageSize()) {
        throw new RtmpProtocolException("message of " + length + " bytes exceeds the limit of " + limits.maxMessageSize());
      }
      cs.length = length;
      cs.typeId = buf[p + 6] & 0xFF;
    }
    if (fmt == 0) {
      cs.streamId = (buf[p + 7] & 0xFF) | ((buf[p + 8] & 0xFF) << 8) | ((buf[p + 9] & 0xFF) << 16) | ((buf[p + 10] & 0xFF) << 24);
      cs.timestamp = tsValue;
    } else if (startsMessage) {
      // Types 1 and 2 carry a delta; type 3 repeats the previous header's timestamp field.
      cs.timestamp = (cs.timestamp + (fmt == 3 ? cs.tsValue : tsValue)) & 0xFFFFFFFFL;
    }
    if (size > 0) {
      cs.tsField = tsField;
      cs.tsValue = tsValue;
    }
    int consumed = p + size + (extended ? 4 : 0) - pos;
    if (startsMessage) {
      if (announcedBytes + cs.length > limits.maxBufferedBytes()) {
        throw new RtmpProtocolException("partly received messages exceed " + limits.maxBufferedBytes() + " bytes");
      }
      announcedBytes += cs.length;
      cs.start();
      if (cs.length == 0) {
        deliver(cs, sink);
        return consumed;
      }
    }
    inChunk = cs;
    chunkRemaining = Math.min(chunkSize, cs.length - cs.received);
    return consumed;
  }

  private void deliver(ChunkStream cs, MessageSink sink) throws RtmpProtocolException, PublishException {
    announcedBytes -= cs.length;
    RtmpMessage message = new RtmpMessage(cs.typeId, cs.streamId, cs.timestamp, cs.take());
    switch (message.typeId()) {
      case RtmpMessage.SET_CHUNK_SIZE -> setChunkSize(message.payload());
      case RtmpMessage.ABORT -> abort(message.payload());
      default -> sink.accept(message);
    }
  }

  private void setChunkSize(byte[] payload) throws RtmpProtocolException {
    if (payload.length < 4) {
      throw new RtmpProtocolException("Set Chunk Size message of " + payload.length + " bytes");
    }
    long size = u32(payload, 0) & 0x7FFFFFFFL;
    if (size < 1 || size > limits.maxChunkSize()) {
      throw new RtmpProtocolException("chunk size " + size + " outside 1.." + limits.maxChunkSize());
    }
    chunkSize = (int) size;
  }

  private void abort(byte[] payload) throws RtmpProtocolException {
    if (payload.length < 4) {
      throw new RtmpProtocolException("Abort message of " + payload.length + " bytes");
    }
    ChunkStream cs = streams.get((int) u32(payload, 0));
    if (cs != null && cs.payload != null) {
      announcedBytes -= cs.length;
      cs.take();
    }
  }

  private static int u24(byte[] b, int at) {
    return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  /** Header state and the message being reassembled on one chunk stream ID. */
  private static final class ChunkStream {
    long timestamp;
    /** The timestamp field of the last header (0xFFFFFF means an extended timestamp follows). */
    long tsField;
    /** The timestamp or delta the last header carried, extended or not. */
    long tsValue;
    int length;
    int typeId;
    int streamId;
    byte[] payload;
    int received;

    void start() {
      payload = new byte[Math.min(length, 64 * 1024)];
      received = 0;
    }

    void append(byte[] data, int offset, int n) {
      if (received + n > payload.length) {
        payload = Arrays.copyOf(payload, Math.min(length, Math.max(received + n, payload.length * 2)));
      }
      System.arraycopy(data, offset, payload, received, n);
      received += n;
    }

    boolean complete() {
      return received == length;
    }

    byte[] take() {
      byte[] body = payload.length == received ? payload : Arrays.copyOf(payload, received);
      payload = null;
      received = 0;
      return body;
    }
  }
}
