package dev.lpnode.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send exactly the headers a browser or an attacker's
 * page would (any Host, Origin, Sec-Fetch-Site), which the JDK's client refuses to set.
 */
public final class RawHttp {
  private RawHttp() {}

  public record Reply(int status, String body) {}

  /** Sends one request ({@code Connection: close}) and reads the whole reply. */
  public static Reply send(int port, String method, String path, Map<String, String> headers, String body) throws IOException {
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    if (!headers.containsKey("Host")) {
      request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    if (!body.isEmpty()) {
      request.append("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(reply.substring(9, 12));
      int headersEnd = reply.indexOf("\r\n\r\n");
      return new Reply(status, headersEnd < 0 ? "" : reply.substring(headersEnd + 4));
    }
  }

  /** A form POST as a web page's {@code <form>} sends it: its Origin, and Sec-Fetch-Site cross-site. */
  public static Reply formFromWebPage(int port, String path, String form) throws IOException {
    return send(port, "POST", path, Map.of("Origin", "http://attacker.example", "Sec-Fetch-Site", "cross-site",
        "Sec-Fetch-Mode", "navigate"), form);
  }

  /** A form POST as go-livepeer's livepeer_cli sends it (Go's HTTP client: no Origin, Host localhost). */
  public static Reply formFromLivepeerCli(int port, String path, String form) throws IOException {
    return send(port, "POST", path, Map.of("Host", "localhost:" + port, "User-Agent", "Go-http-client/1.1"), form);
  }
}
