package dev.lpnode.gateway.push;

import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.http.ArrayBuffer;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * go-livepeer's {@code multipart/mixed} answer to an HTTP push: one part per rendition, with the
 * headers (in the order Go's multipart writer sorts them) {@code Content-Disposition},
 * {@code Content-Length}, {@code Content-Type} and {@code Rendition-Name}.
 */
final class Multipart {
  private Multipart() {}

  /** The answer as its parts in order: the headers, and each rendition's bytes as they are (not copied). */
  static List<Buffer> write(String boundary, long seq, List<Rendition> renditions) {
    List<Buffer> out = new ArrayList<>();
    String before = "";
    for (Rendition r : renditions) {
      String fileName = "\"" + r.name() + "_" + seq + r.format().extension() + "\"";
      out.add(Buffer.buffer(before + "--" + boundary + "\r\n"
          + "Content-Disposition: attachment; filename=" + fileName + "\r\n"
          + "Content-Length: " + r.data().length + "\r\n"
          + "Content-Type: " + r.format().mimeType() + "; name=" + fileName + "\r\n"
          + "Rendition-Name: " + r.name() + "\r\n\r\n", StandardCharsets.UTF_8.name()));
      out.add(ArrayBuffer.wrap(r.data()));
      before = "\r\n";
    }
    out.add(Buffer.buffer("\r\n--" + boundary + "--\r\n"));
    return out;
  }
}
