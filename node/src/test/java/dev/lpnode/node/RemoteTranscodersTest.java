package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.HostPort;
import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.remote.RemoteTranscoder;
import dev.lpnode.remote.RemoteTranscoderSettings;
import dev.lpnode.remote.TranscoderCapabilities;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The O–T split in separate processes: an orchestrator (with its gateway, no transcoder of its own) and
 * two transcoder processes, a real stream pushed through the gateway. A transcoder that lies about
 * pixels is caught and its segment redone elsewhere; one SIGKILLed mid-stream loses no segment; after
 * an orchestrator restart the transcoders are back by themselves within 10 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteTranscodersTest {
  private static final String PROFILE = "P144p30fps16x9";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path dir;
  private static Path secret;
  private static byte[] segment;
  private static int servicePort;
  private static int httpPort;
  private static int cliPort;
  private static NodeProcess orchestrator;
  private static final List<NodeProcess> transcoders = new ArrayList<>();

  @BeforeAll
  static void startOrchestratorAndTwoTranscoders() throws Exception {
    secret = Files.writeString(dir.resolve("orchSecret"), "shared-by-o-and-t\n");
    segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
    servicePort = FreePort.next();
    httpPort = FreePort.next();
    cliPort = FreePort.next();
    orchestrator = startOrchestrator();
    for (int i = 0; i < 2; i++) {
      transcoders.add(startTranscoder(i));
    }
    awaitStatus(s -> remoteTranscoders(s).size() == 2, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (NodeProcess t : transcoders) {
      t.close();
    }
    orchestrator.close();
  }

  @Test
  @Order(1)
  void aTranscoderThatLiesAboutPixelsIsCaughtAndItsSegmentRedoneElsewhere() throws Exception {
    Vertx vertx = Vertx.vertx();
    Transcoder engine = new InProcessTranscoder(EngineSettings.software(), 1);
    RemoteTranscoder liar = RemoteTranscoder.start(vertx, new RemoteTranscoderSettings(HostPort.parse("127.0.0.1:" + servicePort),
        "shared-by-o-and-t", 100, TranscoderCapabilities.software(), OrchestratorNode.PROTOCOL_VERSION),
        new PixelInflating(engine), new SimpleMeterRegistry(), reason -> { });
    try {
      // With the most free capacity, it gets the next new session.
      awaitStatus(s -> remoteTranscoders(s).stream().anyMatch(t -> ((JsonObject) t).getInteger("Capacity") == 100),
          Duration.ofSeconds(30));

      assertThat(push("liar", 0).statusCode()).isEqualTo(200);

      assertThat(orchestrator.output()).contains("failed a segment: rendition " + PROFILE + ": the transcoder claimed");
      assertThat(metric("livepeer_transcode_retried_total")).isGreaterThanOrEqualTo(1);
      assertThat(playlist("liar")).contains(PROFILE + "/0.ts");
      // It registers again by itself and is admitted again.
      awaitStatus(s -> remoteTranscoders(s).size() == 3, Duration.ofSeconds(30));
    } finally {
      liar.drain(Duration.ofSeconds(5)).toCompletionStage().toCompletableFuture().get();
      engine.close();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    awaitStatus(s -> remoteTranscoders(s).size() == 2, Duration.ofSeconds(30));
  }

  @Test
  @Order(2)
  void aTranscoderKilledMidStreamLosesNoSegmentAndAnOrchestratorRestartGetsBothBackWithinTenSeconds() throws Exception {
    assertThat(push("a", 0).statusCode()).isEqualTo(200);
    assertThat(push("b", 0).statusCode()).isEqualTo(200);
    JsonArray loads = remoteTranscoders(status());
    assertThat(loads.stream().map(t -> ((JsonObject) t).getInteger("Load")).toList())
        .as("the sessions spread over both transcoders (the liar's session moved to one of them): %s", loads)
        .allSatisfy(load -> assertThat(load).isPositive());

    CompletableFuture<HttpResponse<String>> a1 = pushAsync("a", 1);
    CompletableFuture<HttpResponse<String>> b1 = pushAsync("b", 1);
    transcoders.get(0).kill();
    assertThat(a1.get().statusCode()).as(a1.get().body()).isEqualTo(200);
    assertThat(b1.get().statusCode()).as(b1.get().body()).isEqualTo(200);
    for (long seq = 2; seq < 4; seq++) {
      assertThat(push("a", seq).statusCode()).isEqualTo(200);
      assertThat(push("b", seq).statusCode()).isEqualTo(200);
    }
    for (String stream : List.of("a", "b")) {
      assertThat(playlist(stream)).contains(PROFILE + "/0.ts", PROFILE + "/1.ts", PROFILE + "/2.ts", PROFILE + "/3.ts");
    }
    assertThat(remoteTranscoders(status())).hasSize(1);

    transcoders.set(0, startTranscoder(0));
    awaitStatus(s -> remoteTranscoders(s).size() == 2, Duration.ofSeconds(60));
    orchestrator.kill();
    orchestrator = startOrchestrator();
    long serving = System.nanoTime();
    awaitStatus(s -> remoteTranscoders(s).size() == 2, Duration.ofSeconds(60));
    Duration back = Duration.ofNanos(System.nanoTime() - serving);
    System.out.println("Both transcoders back " + back.toMillis() + " ms after the restarted orchestrator served");
    assertThat(back).isLessThan(Duration.ofSeconds(10));
    assertThat(push("a", 4).statusCode()).isEqualTo(200);
  }

  /** A transcoder that claims one more pixel per rendition than it made. */
  private record PixelInflating(Transcoder engine) implements Transcoder {
    @Override
    public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
      return engine.transcode(request).thenApply(r -> new TranscodeResult(r.renditions().stream()
          .map(x -> new Rendition(x.profile(), x.width(), x.height(), x.frames(), x.pixels() + 1, x.data())).toList(),
          r.decodedFrames(), r.decodedPixels()));
    }

    @Override
    public void cancel(TranscodeRequest request) {
      engine.cancel(request);
    }

    @Override
    public void endSession(String sessionId) {
      engine.endSession(sessionId);
    }

    @Override
    public int capacity() {
      return engine.capacity();
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  private static NodeProcess startOrchestrator() throws Exception {
    NodeProcess o = NodeProcess.start(dir.resolve("orchestrator-" + System.nanoTime() + ".log"), List.of(
        "-orchestrator", "-gateway", "-network", "offchain", "-orchSecret", secret.toString(),
        "-dataDir", dir.resolve("o").toString(), "-serviceAddr", "127.0.0.1:" + servicePort,
        "-httpAddr", "127.0.0.1:" + httpPort, "-rtmpAddr", "127.0.0.1:" + FreePort.next(), "-cliAddr", "127.0.0.1:" + cliPort,
        "-transcodingOptions", PROFILE, "-monitor"));
    o.awaitServing(cliPort, Duration.ofSeconds(60));
    return o;
  }

  private static NodeProcess startTranscoder(int index) throws Exception {
    return NodeProcess.start(dir.resolve("transcoder-" + index + "-" + System.nanoTime() + ".log"), List.of(
        "-transcoder", "-orchAddr", "127.0.0.1:" + servicePort, "-orchSecret", secret.toString(), "-maxSessions", "4",
        "-testTranscoder=false", "-cliAddr", "127.0.0.1:" + FreePort.next(), "-dataDir", dir.resolve("t" + index).toString()));
  }

  private static HttpResponse<String> push(String stream, long seq) throws Exception {
    return pushAsync(stream, seq).get();
  }

  private static CompletableFuture<HttpResponse<String>> pushAsync(String stream, long seq) {
    return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/live/" + stream + "/" + seq + ".ts"))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(segment)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String playlist(String stream) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/stream/" + stream + "/" + PROFILE
        + ".m3u8")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static JsonObject status() throws Exception {
    return new JsonObject(NodeProcess.get(cliPort, "/status").body());
  }

  private static JsonArray remoteTranscoders(JsonObject status) {
    JsonArray remote = status.getJsonArray("RemoteTranscoders");
    return remote == null ? new JsonArray() : remote;
  }

  private static double metric(String name) throws Exception {
    return NodeProcess.get(cliPort, "/metrics").body().lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static void awaitStatus(Predicate<JsonObject> wanted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      assertThat(orchestrator.isAlive()).as("orchestrator alive; output:\n%s", orchestrator.output()).isTrue();
      last = status();
      if (wanted.test(last)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("status never as wanted: " + last + "\norchestrator output:\n" + orchestrator.output()
        + transcoders.stream().map(t -> "\ntranscoder output:\n" + t.output()).toList());
  }
}
