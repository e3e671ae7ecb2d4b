package dev.lpnode.orchestrator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A raw HTTP/1.1-over-TLS connection, for requests no well-behaved client sends (lying lengths, stalled bodies). */
public final class RawTls implements AutoCloseable {
  private final SSLSocket socket;

  public RawTls(int port) throws Exception {
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new javax.net.ssl.TrustManager[] {InsecureHttp.trustAll()}, null);
    socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters params = socket.getSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    socket.setSSLParameters(params);
    socket.startHandshake();
  }

  public void send(String headers, byte[] body) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(headers.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** Everything the server sends until it closes or goes quiet for {@code timeoutMs}. */
  public String readResponse(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        got.write(buf, 0, n);
        if (got.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n") && got.toString(StandardCharsets.US_ASCII).endsWith("\n")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // the server went quiet: return what arrived
    }
    return got.toString(StandardCharsets.US_ASCII);
  }

  /** Whether the server closes the connection within {@code timeoutMs}, discarding anything else it sends. */
  public boolean closedByServer(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    try {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      while (in.read(buf) >= 0) {
        // drain
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset: closed as well
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
