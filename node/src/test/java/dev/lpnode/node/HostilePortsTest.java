package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.lpnode.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A running node's plain HTTP ports, the operator API and the gateway's ingest and playback, under
 * unauthenticated garbage (issue 16, items 6 and 7): a few log lines, no stack traces, and
 * connections that trickle their headers closed.
 */
class HostilePortsTest {
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void badRequestsCostAFewLinesAndTricklersAreCut() throws Exception {
    int http = freePort();
    int cli = freePort();
    LivepeerNode node = LivepeerNode.start(ConfigLoader.load(new String[] {"-gateway", "-network", "offchain",
        "-dataDir", dir.toString(), "-httpAddr", "127.0.0.1:" + http, "-rtmpAddr", "127.0.0.1:" + freePort(),
        "-cliAddr", "127.0.0.1:" + cli, "-orchAddr", "127.0.0.1:" + freePort()}, Map.of()));
    AtomicLong bytes = new AtomicLong();
    AtomicInteger traces = new AtomicInteger();
    AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        bytes.addAndGet(e.getFormattedMessage().length() + 40); // and the pattern's time, level, thread, logger
        if (e.getThrowableProxy() != null) {
          traces.incrementAndGet();
        }
      }
    };
    counter.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(counter);
    try {
      List<String> requests = List.of(
          "GET /status%u002e HTTP/1.1\r\nHost: x\r\n\r\n", // was a 4.4 KB trace at ERROR per request
          "PUT /live/%u002e/0.ts HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx",
          "POST /anything HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100_000), // over the body cap
          "NOT HTTP\r\n\r\n",
          "GET / HTTP/1.1\r\nHost: x\r\nX: " + "y".repeat(70_000) + "\r\n\r\n");
      int answered = 0;
      for (int round = 0; round < 200; round++) {
        for (String request : requests) {
          for (int port : new int[] {cli, http}) {
            answered += answers(port, request) ? 1 : 0;
          }
        }
      }
      assertThat(answered).isEqualTo(2000);
      assertThat(traces.get()).isZero();
      // 2,000 bad requests: lines per kind and interval (100,000 of them would add less than 1 MB).
      assertThat(bytes.get()).isLessThan(10_000);

      for (int port : new int[] {cli, http}) {
        assertTricklerCut(port);
      }
    } finally {
      root.detachAppender(counter);
      node.stop(Duration.ofSeconds(5));
    }
  }

  /** Whether the port answered with an HTTP status line (and whatever else) before closing or going quiet. */
  private static boolean answers(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(2_000);
      try {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      } catch (SocketException closedWhileSending) {
        // the server answered early and closed: read what it said
      }
      byte[] head = new byte[12];
      int n = s.getInputStream().readNBytes(head, 0, head.length);
      return n == head.length && new String(head, StandardCharsets.US_ASCII).matches("HTTP/1\\.[01] [45]\\d\\d");
    }
  }

  /** A request head sent a byte every 500 ms is closed at the request head deadline (10 s). */
  private static void assertTricklerCut(int port) throws Exception {
    long started = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("GET /status HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      while (Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30) {
        try {
          out.write('X');
          if (in.read() < 0) {
            break;
          }
        } catch (SocketTimeoutException stillOpen) {
          continue;
        } catch (SocketException closed) {
          break;
        }
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(20));
  }
}
