package dev.lpnode.gateway.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lpnode.gateway.support.MediaTools;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The RTMP server against real clients: ffmpeg publishing, and raw sockets behaving badly. */
class RtmpServerTest {
  private static final RtmpLimits LIMITS = new RtmpLimits(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(3), 1 << 20, 4 << 20, 16, 8 << 20, 64, 16);

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Publication> publications = new ConcurrentHashMap<>();
  private RtmpServer server;
  private int port;

  /** What one publication delivered. */
  static final class Publication {
    final AtomicInteger video = new AtomicInteger();
    final AtomicInteger audio = new AtomicInteger();
    final AtomicInteger ends = new AtomicInteger();
    volatile Map<String, Object> metadata;
    volatile long lastVideoTimestamp;
  }

  @BeforeEach
  void start() throws Exception {
    server = new RtmpServer(vertx, LIMITS, request -> {
      Publication p = new Publication();
      publications.put(request.app() + "/" + request.streamName(), p);
      return io.vertx.core.Future.succeededFuture(new PublishSink() {
        @Override
        public void onMetadata(Map<String, Object> metadata) {
          p.metadata = metadata;
        }

        @Override
        public void onAudio(long timestamp, byte[] payload) {
          p.audio.incrementAndGet();
        }

        @Override
        public void onVideo(long timestamp, byte[] payload) {
          p.video.incrementAndGet();
          p.lastVideoTimestamp = timestamp;
        }

        @Override
        public void onEnd() {
          p.ends.incrementAndGet();
        }
      });
    });
    port = server.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private Process publish(String key, int seconds) throws IOException {
    return MediaTools.startFfmpeg(dir.resolve(key + ".log"), "-re", "-f", "lavfi", "-i",
        "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t",
        String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/" + key);
  }

  @Test
  void receivesEveryFrameFfmpegPublishes() throws Exception {
    Process ffmpeg = publish("one", 3);
    MediaTools.finish(ffmpeg, dir.resolve("one.log"), 30);

    Publication p = awaitEnd("live/one");
    assertThat(p.metadata).containsEntry("width", 320.0).containsEntry("height", 240.0);
    assertThat(p.video.get()).isEqualTo(1 + 90 + 1); // sequence header, 3 s at 30 fps, end of sequence
    assertThat(p.audio.get()).isBetween(1 + 125, 1 + 132); // the AAC config, then ~3 s of 1024-sample frames
    assertThat(p.lastVideoTimestamp).isBetween(2900L, 3100L);
  }

  @Test
  void dropsHostileClientsWhileALegitPublisherCarriesOn() throws Exception {
    Process ffmpeg = publish("legit", 6);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      Thread.sleep(500);
      List<Callable<String>> attacks = new ArrayList<>();
      attacks.add(() -> attack("not RTMP", s -> s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes())));
      attacks.add(() -> attack("huge chunk size", s -> afterHandshake(s,
          new ChunkWriter().message(2, 0, RtmpMessage.SET_CHUNK_SIZE, 0, new byte[] {0x7F, -1, -1, -1}, 128))));
      attacks.add(() -> attack("huge message", s -> afterHandshake(s,
          new ChunkWriter().header(0, 6, 0, 0xFFFFFF, RtmpMessage.VIDEO, 1, false).raw(new byte[4096]))));
      attacks.add(() -> attack("garbage AMF", s -> afterHandshake(s,
          new ChunkWriter().message(3, 0, RtmpMessage.COMMAND_AMF0, 0, new byte[] {0x02, 0x7F, 0x7F, 'x', 'y'}, 128))));
      attacks.add(() -> attack("many chunk streams", s -> {
        ChunkWriter w = new ChunkWriter();
        for (int csid = 2; csid < 200; csid++) {
          w.header(0, csid, 0, 1, RtmpMessage.AUDIO, 1, false).bytes(0xAF);
        }
        afterHandshake(s, w);
      }));
      attacks.add(() -> attack("random bytes", s -> {
        byte[] noise = new byte[256 * 1024];
        new java.util.Random(7).nextBytes(noise);
        afterHandshake(s, new ChunkWriter().raw(noise));
      }));
      attacks.add(() -> attack("slowloris handshake", s -> {
        OutputStream out = s.getOutputStream();
        out.write(3);
        for (int i = 0; i < 100; i++) { // one byte every 100 ms: the handshake timeout (1 s) ends it
          out.write(0);
          out.flush();
          Thread.sleep(100);
        }
      }));
      attacks.add(() -> attack("silent", s -> { }));
      attacks.add(() -> attack("connect, never publish", s -> {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("app", "live");
        afterHandshake(s, new ChunkWriter().message(3, 0, RtmpMessage.COMMAND_AMF0, 0,
            Amf0.encode("connect", 1.0, props), 128));
      }));
      List<Future<String>> results = pool.invokeAll(attacks, 30, TimeUnit.SECONDS);
      for (Future<String> result : results) {
        assertThat(result.get()).endsWith("dropped");
      }
      MediaTools.finish(ffmpeg, dir.resolve("legit.log"), 30);
    } finally {
      pool.shutdownNow();
      ffmpeg.destroyForcibly();
    }

    Publication legit = awaitEnd("live/legit");
    assertThat(legit.video.get()).isEqualTo(1 + 180 + 1);
    assertThat(publications).containsOnlyKeys("live/legit");
    assertThat(server.connections()).isZero();
  }

  @Test
  void aFloodFromOneAddressLocksNoPublisherOut() throws Exception {
    // Was: 140 bare TCP connections filled the 128 places for 10 s each, ffmpeg was refused, and every
    // refusal logged a line (259,000 lines in 60 s). Here: 300 connections from 127.0.0.2 for 64 places.
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger rtmpLogs = (Logger) LoggerFactory.getLogger("dev.lpnode.gateway.rtmp");
    rtmpLogs.addAppender(log);
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger opened = new AtomicInteger();
    Thread flood = new Thread(() -> {
      Deque<Socket> held = new ArrayDeque<>();
      try {
        while (flooding.get()) {
          Socket s = new Socket();
          s.bind(new InetSocketAddress("127.0.0.2", 0));
          s.connect(new InetSocketAddress("127.0.0.1", port));
          opened.incrementAndGet();
          held.add(s);
          if (held.size() > 300) { // then, holding 300, 100 new ones a second
            held.poll().close();
            Thread.sleep(10);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        held.forEach(s -> {
          try {
            s.close();
          } catch (IOException ignored) {
            // closing
          }
        });
      }
    }, "rtmp-flood");
    flood.start();
    try {
      while (opened.get() < 300) {
        Thread.sleep(10);
      }
      Process ffmpeg = publish("through", 3);
      MediaTools.finish(ffmpeg, dir.resolve("through.log"), 30);
      assertThat(server.connections()).as("connections open during the flood").isLessThanOrEqualTo(16 + 1);
    } finally {
      flooding.set(false);
      flood.join(10_000);
      rtmpLogs.detachAppender(log);
    }
    Publication p = awaitEnd("live/through");
    assertThat(p.video.get()).isEqualTo(1 + 90 + 1);
    assertThat(opened.get()).isGreaterThan(300);
    // A line per cause per interval: refused, then the flood's own connections dropped without a handshake.
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(line -> !line.contains("publishing app=")).hasSizeLessThanOrEqualTo(4);
    assertThat(log.list).noneMatch(e -> e.getThrowableProxy() != null);
  }

  @Test
  void refusesConnectionsBeyondTheLimit() throws Exception {
    RtmpServer small = new RtmpServer(vertx, new RtmpLimits(Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), 1 << 20, 4 << 20, 16, 8 << 20, 2, 2), r -> io.vertx.core.Future.succeededFuture(null));
    int smallPort = small.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
    try (Socket a = new Socket("127.0.0.1", smallPort); Socket b = new Socket("127.0.0.1", smallPort);
        Socket c = new Socket("127.0.0.1", smallPort)) {
      c.setSoTimeout(5000);
      assertThat(c.getInputStream().read()).isEqualTo(-1);
      a.setSoTimeout(300);
      try {
        a.getInputStream().read();
      } catch (SocketTimeoutException stillOpen) {
        // the first two stay connected
      }
    } finally {
      small.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private interface Attack {
    void run(Socket socket) throws Exception;
  }

  /** Runs an attack and reports whether the server closed the connection within 8 s. */
  private String attack(String name, Attack attack) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(8000);
      try {
        attack.run(socket);
      } catch (SocketException closedWhileSending) {
        return name + ": dropped";
      }
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        while (in.read(buffer) >= 0) {
          // drain the server's replies until it closes
        }
        return name + ": dropped";
      } catch (SocketException reset) {
        return name + ": dropped";
      } catch (SocketTimeoutException e) {
        return name + ": still open after 8 s";
      }
    }
  }

  /** Completes the handshake (original style), then sends what the writer holds. */
  private static void afterHandshake(Socket socket, ChunkWriter then) throws IOException {
    OutputStream out = socket.getOutputStream();
    byte[] c0c1 = new byte[1 + Handshake.PACKET_SIZE];
    c0c1[0] = 3;
    out.write(c0c1);
    out.flush();
    socket.getInputStream().readNBytes(1 + 2 * Handshake.PACKET_SIZE);
    out.write(new byte[Handshake.PACKET_SIZE]);
    out.write(then.toByteArray());
    out.flush();
  }

  private Publication awaitEnd(String key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Publication p = publications.get(key);
      if (p != null && p.ends.get() > 0) {
        assertThat(p.ends.get()).isEqualTo(1);
        return p;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("publication " + key + " did not end; have " + publications.keySet());
  }
}
