package dev.lpnode.bench.attack;

import dev.lpnode.bench.orchestrator.BenchGateway;
import dev.lpnode.bench.orchestrator.GatewayStream;
import dev.lpnode.bench.orchestrator.SegmentFailed;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.node.demo.SamplePublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bytedeco.javacpp.Loader;

/**
 * The hostile inputs of issue 16 (items 1–9), each against the running demo node; each returns a
 * short note of what the attacker saw. Sizes come from {@link Sizes}, so a quick run is possible.
 */
final class Attacks {
  /** Where the RTMP flood comes from: not the publishers' address. */
  private static final String ATTACKER = "127.0.0.2";
  /** How big each attack is; the defaults are the full-size cases. */
  record Sizes(long segmentBytes, long randomPushBytes, long parallelPushBytes, int parallelPushes, int trickles,
      Duration trickleTime, int bareRtmp, int badRequests, int tlsTrickles, int publishers, Duration overloadTime) {}

  private final NodeProcess node;
  private final Sizes sizes;
  private final Path dir;
  private final Path sample;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** @param sample the real video the cases send: the demo's sample, {@code testdata/bad-cuvid.ts} */
  Attacks(NodeProcess node, Sizes sizes, Path dir, Path sample) {
    this.node = node;
    this.sizes = sizes;
    this.dir = dir;
    this.sample = sample;
  }

  /** Item 1: a paid segment of real video, {@code segmentBytes} long, declared as 2 s, to the orchestrator's /segment. */
  String paidSegmentToOrchestrator() throws Exception {
    byte[] segment = realVideo(sizes.segmentBytes());
    try (BenchGateway gateway = new BenchGateway(dir.resolve("attacker-gateway"), "https://127.0.0.1:" + node.servicePort,
        LadderParser.parsePresets("P240p30fps16x9,P360p30fps16x9"))) {
      gateway.fundOnOrchestratorNetwork(node.cliPort);
      try {
        // Paid and declared as 2 s; the attacker waits for an answer up to 2 minutes.
        GatewayStream.open(gateway, "attack-big").send(segment, 2000, 240_000);
        return "accepted and transcoded";
      } catch (SegmentFailed e) {
        return "gateway saw: " + e.getMessage();
      }
    }
  }

  /** Item 1: the same segment pushed to the gateway, declared as 2 s. */
  String realVideoPush() throws Exception {
    byte[] segment = realVideo(sizes.segmentBytes());
    return put("/live/attackbig/0.ts", segment.length, () -> HttpRequest.BodyPublishers.ofByteArray(segment)).get();
  }

  /** Item 2: the transcoder worker SIGKILLed twice, 10 s apart. */
  String killWorkerTwice() throws InterruptedException {
    int killed = 0;
    for (int i = 0; i < 2; i++) {
      List<ProcessHandle> workers = node.workers();
      if (!workers.isEmpty() && workers.get(0).destroyForcibly()) {
        killed++;
      }
      Thread.sleep(10_000);
    }
    return killed + " workers killed";
  }

  /** Item 3: one push of random bytes. */
  String randomPush() throws Exception {
    return put("/live/random/0.ts", sizes.randomPushBytes(), () -> randomBody(sizes.randomPushBytes())).get();
  }

  /** Item 3: parallel pushes of random bytes. */
  String parallelPushes() throws Exception {
    List<CompletableFuture<String>> pushes = new ArrayList<>();
    for (int i = 0; i < sizes.parallelPushes(); i++) {
      pushes.add(put("/live/parallel" + i + "/0.ts", sizes.parallelPushBytes(), () -> randomBody(sizes.parallelPushBytes())));
    }
    List<String> answers = new ArrayList<>();
    for (CompletableFuture<String> p : pushes) {
      answers.add(p.get());
    }
    return String.join("; ", answers);
  }

  /** Item 4: PUTs whose bodies trickle at 100 B/s; how many the node still holds open at the end. */
  String trickledPushes() throws Exception {
    String head = "PUT /live/trickle/%d.ts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n";
    return trickle(sizes.trickles(), i -> plainSocket(node.httpPort), i -> String.format(Locale.ROOT, head, i), new byte[100]);
  }

  /** Item 7: TLS connections on the orchestrator's port whose headers trickle, 100 B/s. */
  String trickledTlsHeaders() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    byte[] header = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    return trickle(sizes.tlsTrickles(), i -> {
      SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", node.servicePort);
      s.setSoTimeout(5000);
      s.startHandshake();
      return s;
    }, i -> "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n", header);
  }

  private interface SocketOpener {
    Socket open(int i) throws Exception;
  }

  private interface Head {
    String of(int i);
  }

  /** Opens {@code count} connections, sends each its head, then {@code chunk} per second to each for the trickle time. */
  private String trickle(int count, SocketOpener opener, Head head, byte[] chunk) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    int refused = 0;
    try {
      for (int i = 0; i < count; i++) {
        try {
          Socket s = opener.open(i);
          s.getOutputStream().write(head.of(i).getBytes(StandardCharsets.US_ASCII));
          sockets.add(s);
        } catch (Exception e) {
          refused++;
        }
      }
      long end = System.nanoTime() + sizes.trickleTime().toNanos();
      List<Socket> open = new ArrayList<>(sockets);
      while (System.nanoTime() < end && !open.isEmpty()) {
        Thread.sleep(1000);
        open.removeIf(s -> {
          try {
            s.getOutputStream().write(chunk);
            s.getOutputStream().flush();
            return false;
          } catch (IOException e) {
            return true;
          }
        });
      }
      return String.format(Locale.ROOT, "%d of %d still open after %d s (%d refused at once)", open.size(), count,
          sizes.trickleTime().toSeconds(), refused);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /**
   * Item 5: bare TCP connections that never handshake fill the RTMP port; then a real ffmpeg publisher
   * tries. The flood comes from another loopback address ({@link #ATTACKER}), as from another host:
   * an address may lock itself out, never others.
   */
  String rtmpLockout() throws Exception {
    List<Socket> bare = new ArrayList<>();
    try {
      for (int i = 0; i < sizes.bareRtmp(); i++) {
        try {
          bare.add(attackerSocket(node.rtmpPort));
        } catch (IOException e) {
          break;
        }
      }
      Path log = dir.resolve("lockout-ffmpeg.log");
      Process ffmpeg = new ProcessBuilder(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-hide_banner", "-nostdin",
          "-loglevel", "error", "-re", "-t", "6", "-i", sample.toString(),
          "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + node.rtmpPort + "/live/lockout")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = ffmpeg.waitFor(60, TimeUnit.SECONDS);
      if (!done) {
        ffmpeg.destroyForcibly();
      }
      boolean in = done && ffmpeg.exitValue() == 0;
      return String.format(Locale.ROOT, "%d bare connections; ffmpeg publisher %s", bare.size(),
          in ? "got in" : "refused: " + Files.readString(log).strip().replace('\n', ' '));
    } finally {
      for (Socket s : bare) {
        s.close();
      }
    }
  }

  /** Item 6: requests with an invalid URL escape, half to the gateway, half to the operator API. */
  String badEscapes() throws IOException {
    int half = sizes.badRequests() / 2;
    int answered = badEscapes(node.httpPort, half) + badEscapes(node.cliPort, sizes.badRequests() - half);
    return answered + " of " + sizes.badRequests() + " answered";
  }

  /** Sends {@code count} such requests over keep-alive connections, 100 at a time; returns how many got an answer. */
  private static int badEscapes(int port, int count) throws IOException {
    byte[] request = "GET /stream/%u002e%u002e/secret.m3u8 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    int answered = 0;
    int sent = 0;
    while (sent < count) {
      try (Socket s = plainSocket(port)) {
        int batch = Math.min(100, count - sent);
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < batch; i++) {
          out.write(request);
        }
        out.flush();
        sent += batch;
        answered += countResponses(s.getInputStream(), batch);
      }
    }
    return answered;
  }

  /** Reads until {@code expected} status lines arrived or the server closed. */
  private static int countResponses(InputStream in, int expected) {
    byte[] marker = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    int seen = 0;
    int matched = 0;
    try {
      int b;
      while (seen < expected && (b = in.read()) >= 0) {
        matched = b == marker[matched] ? matched + 1 : (b == marker[0] ? 1 : 0);
        if (matched == marker.length) {
          seen++;
          matched = 0;
        }
      }
    } catch (IOException e) {
      // closed or timed out: what arrived counts
    }
    return seen;
  }

  /** Item 8: a cross-site form POST (foreign Origin) to the operator API; did it change the capacity? */
  String crossSiteForm() throws Exception {
    String before = get("/status");
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.cliPort + "/setMaxSessions"))
        .header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("maxSessions=1")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    String after = get("/status");
    boolean changed = !maxSessions(before).equals(maxSessions(after));
    if (changed) { // put the capacity back, the same way
      http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.cliPort + "/setMaxSessions"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("maxSessions=" + maxSessions(before))).build(), HttpResponse.BodyHandlers.ofString());
    }
    return "status " + res.statusCode() + "; MaxSessions " + maxSessions(before) + " -> " + maxSessions(after)
        + (changed ? " (CHANGED by a foreign page)" : " (unchanged)");
  }

  private String get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.cliPort + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String maxSessions(String status) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"MaxSessions\"\\s*:\\s*(\\d+)").matcher(status);
    return m.find() ? m.group(1) : "?";
  }

  /** Item 9: more RTMP publishers than the node can transcode, for the overload time; how many got a stream. */
  String overload() throws Exception {
    List<SamplePublisher> publishers = new ArrayList<>();
    try {
      for (int i = 0; i < sizes.publishers(); i++) {
        publishers.add(new SamplePublisher(sample, "rtmp://127.0.0.1:" + node.rtmpPort + "/live/overload" + i));
      }
      Thread.sleep(sizes.overloadTime().toMillis());
      int admitted = 0;
      for (int i = 0; i < sizes.publishers(); i++) {
        if (node.status("/stream/overload" + i + ".m3u8") == 200) {
          admitted++;
        }
      }
      return admitted + " of " + sizes.publishers() + " publishers have a stream after " + sizes.overloadTime().toSeconds() + " s";
    } finally {
      for (SamplePublisher p : publishers) {
        p.close();
      }
    }
  }

  /** A PUT to the gateway; completes with its status and the start of its answer, or the client's error. */
  private CompletableFuture<String> put(String path, long length, Supplier<HttpRequest.BodyPublisher> body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path))
        .header("Content-Duration", "2000").timeout(Duration.ofMinutes(15))
        .PUT(HttpRequest.BodyPublishers.fromPublisher(body.get(), length)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(res -> res.statusCode() + " " + abbreviate(res.body()))
        .exceptionally(e -> "client error: " + abbreviate(String.valueOf(e.getCause() == null ? e : e.getCause())));
  }

  private static String abbreviate(String s) {
    String line = s.strip().replace('\n', ' ');
    return line.length() > 80 ? line.substring(0, 80) + "…" : line;
  }

  private static HttpRequest.BodyPublisher randomBody(long length) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new RandomBytes(length));
  }

  /** {@code length} pseudo-random bytes, made as they are read. */
  private static final class RandomBytes extends InputStream {
    private final SplittableRandom random = new SplittableRandom(16);
    private long left;

    RandomBytes(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) random.nextInt(256);
      }
      left -= n;
      return n;
    }
  }

  /** The sample looped, packets copied, until about {@code bytes} long (made once, kept in the bench's directory). */
  private byte[] realVideo(long bytes) throws IOException, InterruptedException {
    Path out = dir.resolve("real-video-" + bytes + ".ts");
    if (!Files.exists(out)) {
      long loops = Math.max(0, bytes / Files.size(sample));
      Process ffmpeg = new ProcessBuilder(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-hide_banner", "-nostdin",
          "-loglevel", "error", "-stream_loop", String.valueOf(loops), "-i", sample.toString(), "-c", "copy", "-fs",
          String.valueOf(bytes), "-f", "mpegts", out.toString()).inheritIO().start();
      if (ffmpeg.waitFor() != 0) {
        throw new IOException("ffmpeg could not make the long segment");
      }
    }
    return Files.readAllBytes(out);
  }

  /** Connects from {@link #ATTACKER}, another address than the publishers' (Linux answers all of 127/8). */
  private static Socket attackerSocket(int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(ATTACKER, 0));
    return connected(s, port);
  }

  private static Socket plainSocket(int port) throws IOException {
    return connected(new Socket(), port);
  }

  private static Socket connected(Socket s, int port) throws IOException {
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(30_000);
    return s;
  }

  /** Orchestrators' certificates are self-signed; an attacker checks nothing either. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
