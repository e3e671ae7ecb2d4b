package dev.lpnode.ledger.rules;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The stored form of an entity: its fields in a fixed order, separated by commas. */
final class Row {
  private final String[] fields;
  private int next;

  Row(String encoded) {
    this.fields = encoded.split(",", -1);
  }

  /** Joins fields; text is URL-encoded so it never contains a comma. */
  static String of(Object... values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(encode(values[i]));
    }
    return out.toString();
  }

  static String text(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String encode(Object value) {
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (value instanceof EthAddress a) {
      return a.toHex();
    }
    return String.valueOf(value);
  }

  private String nextField() {
    if (next >= fields.length) {
      throw new IllegalStateException("stored row has too few fields");
    }
    return fields[next++];
  }

  BigInteger big() {
    return new BigInteger(nextField());
  }

  long number() {
    return Long.parseLong(nextField());
  }

  boolean flag() {
    return nextField().equals("1");
  }

  EthAddress address() {
    return EthAddress.fromHex(nextField());
  }

  String text() {
    return URLDecoder.decode(nextField(), StandardCharsets.UTF_8);
  }

  boolean hasMore() {
    return next < fields.length;
  }
}
