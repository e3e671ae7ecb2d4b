package dev.lpnode.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.ladder.Presets;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.MediaInfo;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import dev.lpnode.wire.net.SegData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our transcoder against an orchestrator harness speaking the orchestrator's side of protocol.md §8. */
class RemoteTranscoderTest {
  private static final String SECRET = "the-shared-secret";
  private static final VideoProfile TS_144 = Presets.byName("P144p30fps16x9").orElseThrow();
  private static final VideoProfile MP4_240 = Presets.byName("P240p30fps16x9").orElseThrow().withFormat(VideoProfile.Format.MP4);
  private static final AtomicLong TASKS = new AtomicLong();

  private static Vertx vertx;
  private static RecordingTranscoder transcoder;
  private static byte[] segment;

  @TempDir
  Path dir;
  private OrchestratorHarness orchestrator;
  private RemoteTranscoder remote;
  private final CompletableFuture<String> fatal = new CompletableFuture<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** The real engine, with the sessions the orchestrator ended written down. */
  static final class RecordingTranscoder implements Transcoder {
    final Transcoder engine = new InProcessTranscoder(EngineSettings.software(), 2);
    final Set<String> ended = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch started = new CountDownLatch(1);
    final List<TranscodeRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
      requests.add(request);
      started.countDown();
      return engine.transcode(request);
    }

    @Override
    public void cancel(TranscodeRequest request) {
      engine.cancel(request);
    }

    @Override
    public void endSession(String sessionId) {
      ended.add(sessionId);
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

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    transcoder = new RecordingTranscoder();
    segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "duplicate-audio-dts.ts"));
  }

  @AfterAll
  static void tearDown() {
    transcoder.close();
    OrchestratorHarness.await(vertx.close());
  }

  @AfterEach
  void stop() {
    if (remote != null) {
      OrchestratorHarness.await(remote.drain(Duration.ofSeconds(10)));
    }
    if (orchestrator != null) {
      orchestrator.close();
    }
  }

  private RemoteTranscoder start(String secret, int capacity) {
    return RemoteTranscoder.start(vertx, new RemoteTranscoderSettings(HostPort.parse(orchestrator.address()), secret, capacity,
        TranscoderCapabilities.software(), "0.9.1"), transcoder, registry, fatal::complete);
  }

  private static NotifySegment task(String url, String session, long seq, List<VideoProfile> ladder) {
    SegData.Builder segData = SegData.newBuilder().setManifestId(ByteString.copyFromUtf8("manifest-" + session)).setSeq(seq)
        .setDuration(2000).setAuthToken(AuthToken.newBuilder().setSessionId(session)).setProfiles(ByteString.copyFromUtf8("invalid"));
    WireProfiles.putProfiles(segData, ladder);
    return NotifySegment.newBuilder().setUrl(url).setTaskId(TASKS.incrementAndGet()).setOrchId("offchain")
        .setProfiles(ByteString.copyFromUtf8("invalid")).setSegData(segData).build();
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(end);
      Thread.sleep(20);
    }
  }

  private void registered() throws InterruptedException {
    await(() -> remote.status().registered() && orchestrator.hasStream(), Duration.ofSeconds(15));
  }

  @Test
  void registersWithTheSecretTheCapacityAndGoLivepeersSoftwareCapabilities() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 3);
    RegisterRequest request = orchestrator.registrations.poll(15, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getSecret()).isEqualTo(SECRET);
    assertThat(request.getCapacity()).isEqualTo(3);
    // Defaults (0–12, 14, 26) plus VP8 decode (17) and the H.264 chroma/depth decodes (21–25).
    assertThat(CapabilitySet.fromNet(request.getCapabilities()).numbers())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 17, 21, 22, 23, 24, 25, 26);
    assertThat(request.getCapabilities().getVersion()).isEqualTo("0.9.1");
    assertThat(request.getCapabilities().getCapacitiesMap()).containsEntry(0, 3);
    registered();
    assertThat(registry.get("livepeer.transcoder.registered").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void anOrchestratorThatSendsNoHeadersUntilItsFirstSegmentStillCountsAsRegistered() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, false, dir);
    remote = start(SECRET, 1);
    registered();
    assertThat(remote.status().reason()).contains("registered with orchestrator");
  }

  @Test
  void anInvalidSecretIsFatalAndNotRetried() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start("wrong", 1);
    assertThat(fatal.get(15, TimeUnit.SECONDS)).contains("invalid secret").contains("-orchSecret");
    assertThat(remote.status().registered()).isFalse();
    assertThat(remote.status().reason()).contains("invalid secret");
    assertThat(orchestrator.registrations).hasSize(1);
  }

  @Test
  void zeroCapacityIsFatal() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 0);
    assertThat(fatal.get(15, TimeUnit.SECONDS)).contains("zero capacity");
  }

  @Test
  void afterTheOrchestratorRestartsTheTranscoderIsBackWithinSeconds() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 1);
    registered();
    orchestrator.close();
    await(() -> !remote.status().registered(), Duration.ofSeconds(10));
    assertThat(remote.status().reason()).startsWith("not registered with orchestrator");
    OrchestratorHarness old = orchestrator;
    orchestrator = null;
    long restarted = System.nanoTime();
    orchestrator = old.restart(dir.resolve("again"));
    registered();
    assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(10));
    assertThat(orchestrator.registrations.poll()).isNotNull();
    assertThat(fatal).isNotDone();
  }

  @Test
  void aSegmentRoundTripsAsGoLivepeersMultipartWithEachRenditionsPixels() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 2);
    registered();
    NotifySegment notify = task(orchestrator.serve("s1", 7, segment), "s1", 7, List.of(TS_144, MP4_240));
    orchestrator.send(notify);
    OrchestratorHarness.Result result = orchestrator.result(notify.getTaskId()).get(30, TimeUnit.SECONDS);

    assertThat(result.headers().get("Authorization")).isEqualTo("Livepeer-Transcoder-1.0");
    assertThat(result.headers().get("Credentials")).isEqualTo(SECRET);
    assertThat(result.headers().get("Content-Type")).matches("multipart/mixed; boundary=[0-9a-f]{20}");
    assertThat(Long.parseLong(result.headers().get("Pixels"))).isEqualTo(MediaProbe.probe(segment).pixels());
    assertThat(result.parts()).extracting(OrchestratorHarness.Part::contentType).containsExactly("video/mp2t", "video/mp4");
    List<VideoProfile> ladder = List.of(TS_144, MP4_240);
    for (int i = 0; i < ladder.size(); i++) {
      OrchestratorHarness.Part part = result.parts().get(i);
      MediaInfo decoded = MediaProbe.probe(part.data());
      assertThat(part.contentLength()).isEqualTo(part.data().length);
      assertThat(decoded.height()).isEqualTo(ladder.get(i).height());
      assertThat(part.pixels()).isEqualTo(decoded.pixels()).isPositive();
    }
    await(() -> registry.get("livepeer.segment.transcoded").counter().count() == 1, Duration.ofSeconds(5));
    assertThat(registry.get("livepeer.transcode.time").timer().count()).isEqualTo(1);
  }

  @ParameterizedTest(name = "orchestrator recounts results: {0}")
  @ValueSource(booleans = {false, true})
  void theEngineChecksItsOwnRenditionsUnlessTheOrchestratorDecodesThemItself(boolean recounts) throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    orchestrator.recountsResults = recounts;
    remote = start(SECRET, 1);
    registered();
    String session = "checked-" + recounts;
    NotifySegment notify = task(orchestrator.serve(session, 1, segment), session, 1, List.of(TS_144));
    orchestrator.send(notify);
    assertThat(orchestrator.result(notify.getTaskId()).get(30, TimeUnit.SECONDS).parts()).hasSize(1);
    assertThat(transcoder.requests).filteredOn(r -> r.sessionId().equals(session))
        .extracting(TranscodeRequest::checkOutput).containsExactly(!recounts);
  }

  @Test
  void aTeardownEndsTheSessionInTheTranscoder() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 1);
    registered();
    orchestrator.send(task("", "ending-session", 0, List.of()));
    await(() -> transcoder.ended.contains("ending-session"), Duration.ofSeconds(10));
  }

  @Test
  void aSegmentThatCannotBeFetchedIsAnsweredWithATranscodingError() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 2);
    registered();
    NotifySegment missing = task("https://" + orchestrator.address() + "/stream/none/1.tempfile", "s2", 1, List.of(TS_144));
    NotifySegment hanging = task(orchestrator.hangingUrl(), "s3", 1, List.of(TS_144));
    orchestrator.send(missing);
    orchestrator.send(hanging);

    OrchestratorHarness.Result notFound = orchestrator.result(missing.getTaskId()).get(15, TimeUnit.SECONDS);
    assertThat(notFound.mediaType()).isEqualTo("livepeer/transcoding-error");
    assertThat(notFound.errorText()).contains("cannot fetch segment").contains("status 404");
    long sent = System.nanoTime();
    OrchestratorHarness.Result timedOut = orchestrator.result(hanging.getTaskId()).get(15, TimeUnit.SECONDS);
    assertThat(timedOut.mediaType()).isEqualTo("livepeer/transcoding-error");
    assertThat(timedOut.errorText()).contains("timed out after 4000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(8));
    assertThat(registry.get("livepeer.segment.transcode.failed").tag("error_code", "download").counter().count()).isEqualTo(2);
  }

  @Test
  void aSegmentAskingForCapabilitiesThisTranscoderLacksGetsGoLivepeersError() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 1);
    registered();
    NotifySegment plain = task(orchestrator.serve("s4", 1, segment), "s4", 1, List.of(TS_144));
    NotifySegment hevc = plain.toBuilder().setSegData(plain.getSegData().toBuilder()
        .setCapabilities(CapabilitySet.of(dev.lpnode.wire.Capability.HEVC_ENCODE).toNet("", 1))).build();
    orchestrator.send(hevc);
    assertThat(orchestrator.result(hevc.getTaskId()).get(15, TimeUnit.SECONDS).errorText())
        .isEqualTo("incompatible segment capabilities");
  }

  @Test
  void drainingFinishesTheSegmentInFlightBeforeItClosesTheStream() throws Exception {
    orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir);
    remote = start(SECRET, 1);
    registered();
    transcoder.started = new CountDownLatch(1);
    NotifySegment notify = task(orchestrator.serve("s5", 3, segment), "s5", 3, List.of(TS_144));
    orchestrator.send(notify);
    assertThat(transcoder.started.await(15, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> drained = remote.drain(Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture();
    remote = null;
    // Whether the stream had ended is read when the result arrives, not after: the transcoder may close
    // the stream as soon as its upload is answered, before this thread looks.
    CompletableFuture<Boolean> endedBeforeResult = orchestrator.result(notify.getTaskId())
        .thenApply(r -> orchestrator.streamEnded.isDone());
    OrchestratorHarness.Result result = orchestrator.result(notify.getTaskId()).get(30, TimeUnit.SECONDS);
    assertThat(endedBeforeResult.get(30, TimeUnit.SECONDS)).as("the stream stays open until the result is in").isFalse();
    assertThat(result.parts()).hasSize(1);
    drained.get(15, TimeUnit.SECONDS);
    orchestrator.streamEnded.get(10, TimeUnit.SECONDS);
  }
}
