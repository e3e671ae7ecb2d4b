package dev.lpnode.node.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on a fixed local port to {@code target}: the node's way to its Ethereum endpoint,
 * which a test cuts ({@link #cut}: the listening socket and every open connection closed, so new
 * connections are refused), throttles ({@link #throttle}: listening, but every HTTP request
 * answered 429 Too Many Requests as a rate-limited provider does) and restores ({@link #restore}:
 * relaying again on the same port).
 */
final class TcpProxy implements AutoCloseable {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
  private static final byte[] TOO_MANY_REQUESTS =
      "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final int port;
  private ServerSocket server;
  private volatile boolean throttled;

  TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = listen(0);
    this.port = server.getLocalPort();
  }

  int port() {
    return port;
  }

  synchronized void cut() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  synchronized void restore() throws IOException {
    throttled = false;
    if (server.isClosed()) {
      server = listen(port);
    }
  }

  synchronized void throttle() throws IOException {
    restore();
    throttled = true;
  }

  private ServerSocket listen(int onPort) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return socket;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed by cut()
      }
      if (throttled) {
        answerTooManyRequests(client);
        continue;
      }
      try {
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** Reads one HTTP request (headers, then a Content-Length body) and answers 429. */
  private void answerTooManyRequests(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      Matcher length = CONTENT_LENGTH.matcher(head);
      in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
      client.getOutputStream().write(TOO_MANY_REQUESTS);
    } catch (IOException e) {
      // the client went away
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public synchronized void close() throws IOException {
    cut();
  }
}
