package dev.lpnode.gateway.push;

import dev.lpnode.gateway.ingest.Rendition;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * go-livepeer's {@code multipart/mixed} answer to an HTTP push: one part per rendition, with the
 * headers (in the order Go's multipart writer sorts them) {@code Content-Disposition},
 * {@code Content-Length}, {@code Content-Type} and {@code Rendition-Name}.
 */
final class Multipart {
  private Multipart() {}

  static Buffer write(String boundary, long seq, List<Rendition> renditions) {
    Buffer out = Buffer.buffer();
    boolean first = true;
    for (Rendition r : renditions) {
      String fileName = "\"" + r.name() + "_" + seq + r.format().extension() + "\"";
      out.appendString(first ? "" : "\r\n").appendString("--" + boundary + "\r\n");
      first = false;
      out.appendString("Content-Disposition: attachment; filename=" + fileName + "\r\n", StandardCharsets.UTF_8.name());
      out.appendString("Content-Length: " + r.data().length + "\r\n");
      out.appendString("Content-Type: " + r.format().mimeType() + "; name=" + fileName + "\r\n",
          StandardCharsets.UTF_8.name());
      out.appendString("Rendition-Name: " + r.name() + "\r\n\r\n", StandardCharsets.UTF_8.name());
      out.appendBytes(r.data());
    }
    return out.appendString("\r\n--" + boundary + "--\r\n");
  }
}
