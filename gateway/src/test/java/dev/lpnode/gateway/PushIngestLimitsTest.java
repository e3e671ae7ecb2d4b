package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lpnode.gateway.support.RunningGateway;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What hostile HTTP push uploads cost the gateway (issue 16, items 3 and 4): memory about the size
 * of the body, a cap over all uploads that refuses with 503 and closes without reading on, and a
 * deadline that drops clients that trickle.
 */
class PushIngestLimitsTest {
  private static final int MB = 1_000_000;

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** Every byte allocated on the heap by the JVM's live threads so far. */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
  }

  @Test
  void anUploadAllocatesAboutItsOwnSize() throws Exception {
    // Was 200 MB raising the RSS by 2.5 GB: a growing buffer re-copied at every 4 MiB, then copied once more.
    byte[] body = random(40 * MB);
    try (RunningGateway gw = new RunningGateway()) {
      for (boolean chunked : new boolean[] {false, true}) {
        HttpRequest.BodyPublisher publisher = chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body);
        gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl("/live/big/1.ts"))).PUT(publisher)); // warms up
        long before = allocatedBytes();
        HttpResponse<byte[]> res = gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl("/live/big/2.ts"))).PUT(publisher));
        long allocated = allocatedBytes() - before;
        System.out.printf("upload of %d bytes (chunked: %s): %d bytes allocated%n", body.length, chunked, allocated);

        assertThat(res.statusCode()).isEqualTo(422); // random bytes are no video
        // The body's array, the transport's chunks on their way in (and, chunked, the joined copy), the client's copy.
        assertThat(allocated).as("bytes allocated for a %d-byte upload (chunked: %s)", body.length, chunked)
            .isLessThan(5L * body.length);
      }
    }
  }

  @Test
  void pastTheCapAnUploadGets503AndItsConnectionClosesUnread() throws Exception {
    ListAppender<ILoggingEvent> log = capture();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    try (RunningGateway gw = new RunningGateway(o -> o.maxPushBytes(20 * MB).maxPushBufferedBytes(25 * MB));
        Socket holder = new Socket("127.0.0.1", gw.server.httpPort())) {
      // A declared length is held from the start: this stalled upload holds 20 of the 25 MB.
      holder.getOutputStream().write(head("/live/a/1.ts", "Content-Length: " + 20 * MB).getBytes());
      holder.getOutputStream().write(new byte[1000]);

      // Declared: refused before its body; the connection closes although the client sends nothing more.
      assertThat(refusedUpFront(gw, 10 * MB)).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close")
          .endsWith("too many segment bytes being received at once; try again\n");

      // Chunked: refused once it passes the cap, then closed: the client cannot upload all it has.
      try (Socket chunked = new Socket("127.0.0.1", gw.server.httpPort())) {
        chunked.setSoTimeout(10_000);
        AtomicBoolean stuck = new AtomicBoolean();
        watchdog.schedule(() -> {
          stuck.set(true);
          chunked.close();
          return null;
        }, 30, TimeUnit.SECONDS);
        OutputStream out = chunked.getOutputStream();
        out.write(head("/live/c/1.ts", "Transfer-Encoding: chunked").getBytes());
        long sent = 0;
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
          while (sent < 200L * MB) {
            out.write(chunk);
            sent += chunk.length;
          }
        } catch (SocketException closed) {
          // what the refused client sees
        }
        assertThat(stuck).as("the refused connection was never closed").isFalse();
        assertThat(sent).as("bytes the refused client could send").isLessThan(50L * MB);
        assertThat(readUntilClosed(chunked.getInputStream())).startsWith("HTTP/1.1 503");
      }
    } finally {
      watchdog.shutdownNow();
      release(log);
    }
    assertThat(log.list).noneMatch(e -> e.getThrowableProxy() != null);
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(line -> line.contains("IllegalStateException"));
  }

  @Test
  void aTricklingUploadIsDroppedAtItsDeadline() throws Exception {
    // Was: 500 connections trickling 100 B/s stayed open for 120 s (each byte reset the idle timeout).
    try (RunningGateway gw = new RunningGateway()) {
      List<Socket> tricklers = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          Socket s = new Socket("127.0.0.1", gw.server.httpPort());
          s.setSoTimeout(20);
          s.getOutputStream().write(head("/live/t" + i + "/1.ts", "Content-Length: 100000").getBytes());
          tricklers.add(s);
        }
        long started = System.nanoTime();
        Map<Socket, ByteArrayOutputStream> open = new HashMap<>();
        tricklers.forEach(s -> open.put(s, new ByteArrayOutputStream()));
        List<String> answers = new ArrayList<>();
        while (!open.isEmpty() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)) {
          for (Socket s : List.copyOf(open.keySet())) {
            ByteArrayOutputStream got = open.get(s);
            try {
              if (got.size() == 0) {
                s.getOutputStream().write(new byte[10]); // about 10 B/s each until answered
              }
              if (readSoFar(s, got)) {
                answers.add(got.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
                open.remove(s);
              }
            } catch (IOException closed) {
              answers.add(got.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
              open.remove(s);
            }
          }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(open).as("connections still open after %d s", seconds).isEmpty();
        // go-livepeer's segment timeout for a segment without Content-Duration: 8 s.
        assertThat(seconds).isBetween(7L, 25L);
        assertThat(answers).allMatch(a -> a.startsWith("HTTP/1.1 500")
            && a.endsWith("Error reading http request body: not received in time\n"));
      } finally {
        for (Socket s : tricklers) {
          s.close();
        }
      }
    }
  }

  private static String head(String path, String lengthHeader) {
    return "PUT " + path + " HTTP/1.1\r\nHost: x\r\n" + lengthHeader + "\r\n\r\n";
  }

  /**
   * Sends only the head of an upload of {@code size} bytes and returns the answer, once the gateway
   * answers before the body and closes (which it does once it holds too much to take the body). An
   * answer's connection closes only after the gateway's drain window, so only a first byte that does
   * not come means the gateway is waiting for the body.
   */
  private static String refusedUpFront(RunningGateway gw, int size) throws Exception {
    for (int i = 0; i < 50; i++) {
      try (Socket s = new Socket("127.0.0.1", gw.server.httpPort())) {
        s.setSoTimeout(2000);
        s.getOutputStream().write(head("/live/b/1.ts", "Content-Length: " + size).getBytes());
        InputStream in = s.getInputStream();
        int first;
        try {
          first = in.read();
        } catch (SocketTimeoutException waitingForTheBody) {
          Thread.sleep(100); // the stalled upload was not held yet
          continue;
        }
        s.setSoTimeout(15_000);
        return (first < 0 ? "" : String.valueOf((char) first)) + readUntilClosed(in);
      }
    }
    throw new AssertionError("the gateway never refused an upload up front");
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  /** Adds what the server sent so far to {@code got}; true once it closed the connection. */
  private static boolean readSoFar(Socket s, ByteArrayOutputStream got) throws IOException {
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = s.getInputStream().read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
      return true;
    } catch (SocketTimeoutException waiting) {
      return false;
    }
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root().addAppender(appender);
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    root().detachAppender(appender);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
