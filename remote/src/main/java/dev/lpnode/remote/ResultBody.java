package dev.lpnode.remote;

import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The body of {@code POST /transcodeResults} (protocol.md §8): the renditions as {@code
 * multipart/mixed}, one part per profile in order, laid out as Go's multipart writer lays them out;
 * or the error text as {@code livepeer/transcoding-error}.
 *
 * @param pixels what the {@code Pixels} request header says: the decoded input pixels (0 for an error)
 */
record ResultBody(byte[] bytes, String contentType, long pixels) {
  static final String ERROR_TYPE = "livepeer/transcoding-error";

  static ResultBody error(String message) {
    return new ResultBody(message.getBytes(StandardCharsets.UTF_8), ERROR_TYPE, 0);
  }

  /** @param boundary go-livepeer's: 20 random hex digits ({@link #randomBoundary}) */
  static ResultBody renditions(TranscodeResult result, String boundary) {
    int size = result.renditions().stream().mapToInt(r -> r.data().length + 160).sum() + 64;
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    boolean first = true;
    for (Rendition rendition : result.renditions()) {
      // Go's textproto writes a part's headers sorted by name.
      ascii(out, (first ? "" : "\r\n") + "--" + boundary + "\r\n"
          + "Content-Length: " + rendition.data().length + "\r\n"
          + "Content-Type: " + rendition.profile().format().mimeType() + "\r\n"
          + "Pixels: " + rendition.pixels() + "\r\n\r\n");
      out.writeBytes(rendition.data());
      first = false;
    }
    ascii(out, "\r\n--" + boundary + "--\r\n");
    return new ResultBody(out.toByteArray(), "multipart/mixed; boundary=" + boundary, result.decodedPixels());
  }

  static String randomBoundary(RandomGenerator random) {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}
