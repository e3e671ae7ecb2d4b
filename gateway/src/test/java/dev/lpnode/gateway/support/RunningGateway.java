package dev.lpnode.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.gateway.GatewayOptions;
import dev.lpnode.gateway.GatewayServer;
import dev.lpnode.gateway.ListenAddress;
import dev.lpnode.gateway.ingest.PassthroughProcessor;
import dev.lpnode.gateway.ingest.SegmentProcessor;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A gateway on loopback ports chosen by the OS (with the pass-through processor unless given one), and an HTTP client for it. */
public final class RunningGateway implements AutoCloseable {
  private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");
  private static final Pattern SEGMENT_LINE = Pattern.compile("#EXTINF:([0-9.]+),\\n([^\\n]+)");

  public final Vertx vertx = Vertx.vertx();
  public final GatewayServer server;
  public final SegmentProcessor processor;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public RunningGateway() throws Exception {
    this(builder -> { });
  }

  public RunningGateway(Consumer<GatewayOptions.Builder> customize) throws Exception {
    this(vertx -> new PassthroughProcessor(), customize);
  }

  /** A gateway whose processor is made on its Vert.x instance (closed with it if it is AutoCloseable). */
  public RunningGateway(Function<Vertx, SegmentProcessor> processor, Consumer<GatewayOptions.Builder> customize)
      throws Exception {
    this.processor = processor.apply(vertx);
    GatewayOptions.Builder builder = GatewayOptions.builder(this.processor)
        .rtmpAddr(new ListenAddress("127.0.0.1", 0))
        .httpAddr(new ListenAddress("127.0.0.1", 0));
    customize.accept(builder);
    GatewayOptions options = builder.build();
    server = GatewayServer.start(vertx, options).toCompletionStage().toCompletableFuture().get();
  }

  public String rtmpUrl(String key) {
    return "rtmp://127.0.0.1:" + server.rtmpPort() + "/live/" + key;
  }

  public String httpUrl(String path) {
    return "http://127.0.0.1:" + server.httpPort() + path;
  }

  public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(httpUrl(path))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public String getText(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> res = get(path);
    if (res.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + res.statusCode());
    }
    return new String(res.body());
  }

  /**
   * Polls a media playlist while the stream runs, checking that its media sequence never goes back
   * and its window holds at most 6 segments; returns every segment URI seen, with its duration,
   * once the playlist has ended.
   */
  public Map<String, Double> watch(String path, Process publisher) throws Exception {
    Map<String, Double> seen = new LinkedHashMap<>();
    long lastSequence = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> res = get(path);
      if (res.statusCode() == 200) {
        String m3u8 = new String(res.body());
        Matcher m = MEDIA_SEQUENCE.matcher(m3u8);
        assertThat(m.find()).isTrue();
        long sequence = Long.parseLong(m.group(1));
        assertThat(sequence).isGreaterThanOrEqualTo(lastSequence);
        lastSequence = sequence;
        List<Entry> entries = entries(m3u8);
        assertThat(entries.size()).isLessThanOrEqualTo(6);
        entries.forEach(e -> seen.put(e.uri(), e.duration()));
        if (m3u8.contains("#EXT-X-ENDLIST")) {
          return seen;
        }
      }
      Thread.sleep(publisher.isAlive() ? 500 : 100);
    }
    throw new AssertionError("the playlist " + path + " never ended; saw " + seen.keySet());
  }

  /** A media playlist's entries, in order. */
  public record Entry(double duration, String uri) {}

  public static List<Entry> entries(String mediaPlaylist) {
    List<Entry> entries = new ArrayList<>();
    Matcher m = SEGMENT_LINE.matcher(mediaPlaylist);
    while (m.find()) {
      entries.add(new Entry(Double.parseDouble(m.group(1)), m.group(2)));
    }
    return entries;
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop().toCompletionStage().toCompletableFuture().get();
      if (processor instanceof AutoCloseable closeable) {
        closeable.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
