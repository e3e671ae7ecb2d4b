package dev.lpnode.gateway.rtmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0, the encoding of RTMP commands and metadata. Values map to Java as: number → {@link Double},
 * boolean → {@link Boolean}, string → {@link String}, object and ECMA array → {@link Map}, strict
 * array → {@link List}, date → {@link Double} (ms since the epoch), null and undefined → {@code null}.
 * Decoding is bounded by the input: no count or length read from the wire can make it allocate
 * more than the message holds, and nesting is capped.
 */
public final class Amf0 {
  static final int NUMBER = 0x00;
  static final int BOOLEAN = 0x01;
  static final int STRING = 0x02;
  static final int OBJECT = 0x03;
  static final int NULL = 0x05;
  static final int UNDEFINED = 0x06;
  static final int ECMA_ARRAY = 0x08;
  static final int OBJECT_END = 0x09;
  static final int STRICT_ARRAY = 0x0A;
  static final int DATE = 0x0B;
  static final int LONG_STRING = 0x0C;

  private static final int MAX_DEPTH = 16;

  private Amf0() {}

  /** Every value in {@code data[offset..]}, in order. */
  public static List<Object> decodeAll(byte[] data, int offset) throws RtmpProtocolException {
    Reader reader = new Reader(data, offset);
    List<Object> values = new ArrayList<>();
    while (reader.pos < data.length) {
      values.add(reader.value(0));
    }
    return values;
  }

  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data, int pos) {
      this.data = data;
      this.pos = pos;
    }

    Object value(int depth) throws RtmpProtocolException {
      if (depth > MAX_DEPTH) {
        throw new RtmpProtocolException("AMF0 nesting deeper than " + MAX_DEPTH);
      }
      int marker = u8();
      return switch (marker) {
        case NUMBER -> Double.longBitsToDouble(u64());
        case BOOLEAN -> u8() != 0;
        case STRING -> string(u16());
        case LONG_STRING -> string(u32());
        case OBJECT -> properties(depth);
        case ECMA_ARRAY -> {
          u32(); // an advisory count; the end marker is what ends the array
          yield properties(depth);
        }
        case STRICT_ARRAY -> strictArray(depth);
        case DATE -> {
          double millis = Double.longBitsToDouble(u64());
          u16(); // time zone, unused by the format's writers
          yield millis;
        }
        case NULL, UNDEFINED -> null;
        default -> throw new RtmpProtocolException("unsupported AMF0 type marker 0x" + Integer.toHexString(marker));
      };
    }

    private Map<String, Object> properties(int depth) throws RtmpProtocolException {
      Map<String, Object> map = new LinkedHashMap<>();
      while (true) {
        String key = string(u16());
        if (key.isEmpty() && peek() == OBJECT_END) {
          pos++;
          return map;
        }
        map.put(key, value(depth + 1));
      }
    }

    private List<Object> strictArray(int depth) throws RtmpProtocolException {
      long count = u32();
      if (count > data.length - pos) { // every value takes at least one byte
        throw new RtmpProtocolException("AMF0 strict array of " + count + " values in " + (data.length - pos) + " bytes");
      }
      List<Object> list = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) {
        list.add(value(depth + 1));
      }
      return list;
    }

    private String string(long length) throws RtmpProtocolException {
      need(length);
      String s = new String(data, pos, (int) length, StandardCharsets.UTF_8);
      pos += (int) length;
      return s;
    }

    private int peek() throws RtmpProtocolException {
      need(1);
      return data[pos] & 0xFF;
    }

    private int u8() throws RtmpProtocolException {
      need(1);
      return data[pos++] & 0xFF;
    }

    private int u16() throws RtmpProtocolException {
      need(2);
      int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    private long u32() throws RtmpProtocolException {
      need(4);
      long v = ((long) (data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
          | (data[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    private long u64() throws RtmpProtocolException {
      long high = u32();
      return (high << 32) | u32();
    }

    private void need(long n) throws RtmpProtocolException {
      if (n > data.length - pos) {
        throw new RtmpProtocolException("truncated AMF0 value");
      }
    }
  }

  /** Encodes values for the replies the server sends. */
  public static byte[] encode(Object... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (Object value : values) {
      write(out, value);
    }
    return out.toByteArray();
  }

  /** The AMF0 undefined value, for replies such as the {@code _result} of {@code releaseStream}. */
  public static final Object UNDEFINED_VALUE = new Object() {
    @Override
    public String toString() {
      return "undefined";
    }
  };

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value == null) {
      out.write(NULL);
    } else if (value == UNDEFINED_VALUE) {
      out.write(UNDEFINED);
    } else if (value instanceof Number n) {
      out.write(NUMBER);
      long bits = Double.doubleToLongBits(n.doubleValue());
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (bits >>> shift));
      }
    } else if (value instanceof Boolean b) {
      out.write(BOOLEAN);
      out.write(b ? 1 : 0);
    } else if (value instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.write(STRING);
      writeKey(out, utf8);
    } else if (value instanceof Map<?, ?> map) {
      out.write(OBJECT);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writeKey(out, e.getKey().toString().getBytes(StandardCharsets.UTF_8));
        write(out, e.getValue());
      }
      out.write(0);
      out.write(0);
      out.write(OBJECT_END);
    } else {
      throw new IllegalArgumentException("no AMF0 encoding for " + value.getClass());
    }
  }

  private static void writeKey(ByteArrayOutputStream out, byte[] utf8) {
    if (utf8.length > 0xFFFF) {
      throw new IllegalArgumentException("AMF0 string longer than 65535 bytes");
    }
    out.write(utf8.length >>> 8);
    out.write(utf8.length);
    out.write(utf8, 0, utf8.length);
  }
}
