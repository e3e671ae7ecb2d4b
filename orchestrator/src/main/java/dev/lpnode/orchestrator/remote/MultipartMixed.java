package dev.lpnode.orchestrator.remote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/mixed} body (RFC 2046) held in memory: what a remote transcoder uploads to
 * {@code /transcodeResults}, one part per rendition. Part header names are lower-cased; a part's body
 * is what lies between its blank line and the CRLF before the next delimiter.
 */
final class MultipartMixed {
  /** A part: its headers (names lower-cased) and its bytes. */
  record Part(Map<String, String> headers, byte[] body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** A body that is not well-formed multipart; the message says where. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  private static final int MAX_PART_HEADER_BYTES = 8 * 1024;

  private MultipartMixed() {}

  /**
   * The boundary of a {@code multipart/mixed} Content-Type, e.g. {@code multipart/mixed; boundary=abc}.
   * Empty when the type is another or has no usable boundary (RFC 2046: 1 to 70 characters).
   */
  static Optional<String> boundary(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] fields = contentType.split(";");
    if (!fields[0].trim().equalsIgnoreCase("multipart/mixed")) {
      return Optional.empty();
    }
    for (int i = 1; i < fields.length; i++) {
      String field = fields[i].trim();
      int eq = field.indexOf('=');
      if (eq > 0 && field.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        String value = field.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || value.length() > 70 ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The parts of {@code body}, in order. */
  static List<Part> parse(byte[] body, String boundary) throws MalformedException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    if (at < 0 || (at > 0 && !precededByCrlf(body, at))) {
      throw new MalformedException("no opening boundary");
    }
    List<Part> parts = new ArrayList<>();
    while (true) {
      int after = at + delimiter.length;
      if (startsWith(body, after, "--")) {
        return parts; // the closing delimiter; anything after it is an epilogue
      }
      int headersStart = skipLine(body, after);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart - 2);
      if (headersStart < 0 || headersEnd < 0 || headersEnd - headersStart > MAX_PART_HEADER_BYTES) {
        throw new MalformedException("part " + (parts.size() + 1) + " has no end of headers");
      }
      Map<String, String> headers = headers(body, headersStart, Math.max(headersStart, headersEnd));
      int bodyStart = headersEnd + 4;
      int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), bodyStart);
      if (next < 0) {
        throw new MalformedException("part " + (parts.size() + 1) + " is not closed by a boundary");
      }
      byte[] data = Arrays.copyOfRange(body, bodyStart, next);
      parts.add(new Part(headers, data));
      at = next + 2;
    }
  }

  private static Map<String, String> headers(byte[] body, int from, int to) throws MalformedException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (from >= to) {
      return headers;
    }
    for (String line : new String(body, from, to - from, StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedException("bad part header line");
      }
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return headers;
  }

  /** Index after the CRLF that ends the line starting at {@code from}, or -1. */
  private static int skipLine(byte[] body, int from) {
    int crlf = indexOf(body, new byte[] {'\r', '\n'}, from);
    return crlf < 0 ? -1 : crlf + 2;
  }

  private static boolean precededByCrlf(byte[] body, int at) {
    return at >= 2 && body[at - 2] == '\r' && body[at - 1] == '\n';
  }

  private static boolean startsWith(byte[] body, int at, String text) {
    byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
    if (at + t.length > body.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      if (body[at + i] != t[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= body.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (body[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
