package dev.lpnode.orchestrator.remote;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.GrpcJavaClient;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.RecountedResults;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.RegisterRequest;
import dev.lpnode.wire.net.SegData;
import dev.lpnode.wire.net.TranscodeResult;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input on the orchestrator's remote-transcoder endpoints (protocol.md §8), against a real
 * node with {@code -orchSecret}: transcoders register over grpc-java, results are posted over TLS
 * HTTP/2. Each case gets go-livepeer's status and text, leaves the fleet as it was (or withdraws
 * the transcoder whose result it was, as the fleet does for a faulty result), and the node serves on.
 */
class RemoteEndpointsHostileInputTest {
  private static final String SECRET = "hostile-test-secret";
  private static final String REGISTER = "net.Transcoder/RegisterTranscoder";
  private static final String BOUNDARY = "0123456789abcdef0123";
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9");
  /** Declared long enough that the node waits 16 s for a result: room for many requests on one task. */
  private static final int DURATION_MS = 8_000;

  @TempDir static Path dir;
  private static OrchestratorHarness o;
  private static GrpcJavaClient grpc;
  private static GatewayClient gateway;
  private static HttpClient http;
  private static OrchestratorInfo info;
  private static SenderSession session;
  private static byte[] segment;
  private static final AtomicLong seq = new AtomicLong();
  private final List<FakeTranscoder> transcoders = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    o = new OrchestratorHarness(dir, 16, SECRET);
    grpc = new GrpcJavaClient("127.0.0.1", o.port());
    gateway = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
    http = o.vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
        .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
    // GetOrchestrator answers only with capacity: a transcoder for the time of it.
    FakeTranscoder first = FakeTranscoder.register(grpc, SECRET, 1);
    await(first.accepted);
    awaitRemoteCount(1);
    info = gateway.getOrchestrator();
    session = gateway.startSession(info);
    first.cancel();
    awaitRemoteCount(0);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    grpc.close();
    o.close();
  }

  @AfterEach
  void servesOn() throws Exception {
    transcoders.forEach(FakeTranscoder::cancel);
    awaitRemoteCount(0);
    FakeTranscoder fresh = register(2);
    awaitRemoteCount(1);
    fresh.cancel();
    awaitRemoteCount(0);
    Reply healthz = await(http.request(HttpMethod.GET, o.port(), "127.0.0.1", "/healthz")
        .compose(req -> req.send().compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString())))));
    assertThat(healthz).isEqualTo(new Reply(200, "OK\n"));
  }

  @Test
  void resultsWithBadHeadersAreRefusedAndTheirTaskStaysOpen() throws Exception {
    FakeTranscoder t = register(4);
    Open open = sendSegment(t);
    long id = open.task().getTaskId();
    byte[] body = multipart(segment, 1000);
    Reply unauthorized = new Reply(401, "Unauthorized");
    assertThat(post(with(headers(id), "Authorization", null), body)).isEqualTo(unauthorized);
    assertThat(post(with(headers(id), "Authorization", "Livepeer-Transcoder-2.0"), body)).isEqualTo(unauthorized);
    assertThat(post(with(headers(id), "Credentials", null), body)).isEqualTo(unauthorized);
    assertThat(post(with(headers(id), "Credentials", SECRET + "x"), body)).isEqualTo(unauthorized);
    Reply unsupported = new Reply(415, "Unsupported Media Type");
    assertThat(post(with(headers(id), "Content-Type", null), body)).isEqualTo(unsupported);
    assertThat(post(with(headers(id), "Content-Type", "video/mp2t"), body)).isEqualTo(unsupported);
    assertThat(post(with(headers(id), "Content-Type", "multipart/mixed"), body)).isEqualTo(unsupported);
    assertThat(post(with(headers(id), "Content-Type", "multipart/mixed; boundary=" + "b".repeat(71)), body))
        .isEqualTo(unsupported);
    Reply invalidTask = new Reply(400, "Invalid Task ID");
    for (String taskId : new String[] {null, "", "abc", "-1", "1e3", "99999999999999999999", String.valueOf(id + 1000)}) {
      assertThat(post(with(headers(id), "TaskId", taskId), body)).as("TaskId %s", taskId).isEqualTo(invalidTask);
    }
    Reply invalidPixels = new Reply(400, "Invalid Pixels");
    for (String pixels : new String[] {null, "", "lots", "-5", "1.5"}) {
      assertThat(post(with(headers(id), "Pixels", pixels), body)).as("Pixels %s", pixels).isEqualTo(invalidPixels);
    }

    assertThat(o.node.fleet().orElseThrow().remoteCount()).isEqualTo(1);
    assertThat(t.ended).isNotDone();
    // The task is still open: the transcoder's answer (an input error, no fault of its own) is taken.
    assertThat(post(errorHeaders(id), "TranscoderInvalidVideo".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Reply(200, "OK"));
    assertThat(open.gatewayError()).isEqualTo("TranscoderInvalidVideo");
    // Answered: a second result is refused before a byte of its body is sent.
    assertThat(postHeadOnly(headers(id), 10_000_000)).isEqualTo(invalidTask);
    assertThat(t.ended).isNotDone();
  }

  @Test
  void aSecondResultSentWhileTheFirstIsStillUploadingIsRefusedAndTheFirstIsTaken() throws Exception {
    FakeTranscoder t = register(4);
    Open open = sendSegment(t);
    long id = open.task().getTaskId();
    Half first = await(halfResult(open).compose(half -> half.request().write(half.data()).map(half)));
    // The first upload's head is in: the task is claimed, whatever its body turns out to be.
    awaitTrue(() -> postHeadOnly(headers(id), 100).equals(new Reply(400, "Invalid Task ID")),
        () -> "a second result for task " + id + " was not refused");
    assertThat(post(errorHeaders(id), "TranscoderInvalidVideo".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Reply(400, "Invalid Task ID"));
    byte[] whole = multipart(segment, 1000);
    Reply firstReply = await(first.request().end(Buffer.buffer(Arrays.copyOfRange(whole, whole.length / 2, whole.length)))
        .compose(v -> first.request().response())
        .compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString()))));
    assertThat(firstReply).isEqualTo(new Reply(200, "OK"));
    // The first result is the one checked (its pixel claim is false, so it is the transcoder's fault).
    assertWithdrawnAndGone(t, open);
    assertThat(open.gatewayError()).contains("the transcoder claimed 1000 pixels");
  }

  @Test
  void aGarbageBodyFailsTheTaskAndWithdrawsItsTranscoder() throws Exception {
    FakeTranscoder t = register(4);
    Open open = sendSegment(t);
    long id = open.task().getTaskId();
    assertThat(post(headers(id), "not multipart at all".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Reply(500, "no opening boundary"));
    assertWithdrawnAndGone(t, open);
    assertThat(open.gatewayError()).contains("not a valid multipart body");
  }

  @Test
  void aMultipartBodyTruncatedMidPartFailsTheTaskAndTheSegmentIsRetriedElsewhere() throws Exception {
    FakeTranscoder first = register(4);
    awaitRemoteCount(1);
    FakeTranscoder second = register(4);
    awaitRemoteCount(2);
    Open open = sendSegment(first, second);
    FakeTranscoder faulty = open.transcoder();
    FakeTranscoder other = faulty == first ? second : first;
    byte[] whole = multipart(segment, 1000);
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
    assertThat(post(headers(open.task().getTaskId()), truncated))
        .isEqualTo(new Reply(500, "part 1 is not closed by a boundary"));
    await(faulty.ended);
    assertThat(postHeadOnly(headers(open.task().getTaskId()), whole.length)).isEqualTo(new Reply(400, "Invalid Task ID"));

    NotifySegment retry = other.segments.poll(10, TimeUnit.SECONDS);
    assertThat(retry).as("the segment retried on the other transcoder").isNotNull();
    assertThat(retry.getSegData().getSeq()).isEqualTo(open.task().getSegData().getSeq());
    assertThat(retry.getTaskId()).isNotEqualTo(open.task().getTaskId());
    assertThat(post(errorHeaders(retry.getTaskId()), "TranscoderInvalidVideo".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Reply(200, "OK"));
    assertThat(open.gatewayError()).isEqualTo("TranscoderInvalidVideo");
    assertThat(o.node.fleet().orElseThrow().remoteCount()).isEqualTo(1);
    assertThat(other.ended).isNotDone();
  }

  @Test
  void aTranscoderLateWithASegmentIsPassedOverButKeptWhileAnotherCanTakeIt() throws Exception {
    FakeTranscoder first = register(4);
    awaitRemoteCount(1);
    FakeTranscoder second = register(4);
    awaitRemoteCount(2);
    Open open = sendSegment(1_000, first, second); // the gateway's deadline: 8 s
    FakeTranscoder late = open.transcoder();
    FakeTranscoder other = late == first ? second : first;

    NotifySegment retry = other.segments.poll(10, TimeUnit.SECONDS);
    assertThat(retry).as("the segment given to the other transcoder at half of its deadline").isNotNull();
    assertThat(retry.getSegData().getSeq()).isEqualTo(open.task().getSegData().getSeq());
    assertThat(post(errorHeaders(retry.getTaskId()), "TranscoderInvalidVideo".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Reply(200, "OK"));
    assertThat(open.gatewayError()).isEqualTo("TranscoderInvalidVideo");
    assertThat(postHeadOnly(headers(open.task().getTaskId()), 100)).as("the late one's result, given up on")
        .isEqualTo(new Reply(400, "Invalid Task ID"));
    assertThat(late.ended).as("a transcoder only late is not withdrawn").isNotDone();
    assertThat(o.node.fleet().orElseThrow().remoteCount()).isEqualTo(2);
  }

  @Test
  void aTranscoderSilentForAWholeDeadlineWithNoneToTakeOverIsTakenAsHungAndWithdrawn() throws Exception {
    FakeTranscoder only = register(4);
    awaitRemoteCount(1);
    Open open = sendSegment(1_000, only);

    assertWithdrawnAndGone(only, open);
    assertThat(open.gatewayError()).as("what the gateway hears once the deadline passed").isNotEmpty();
  }

  /** How an upload stops half-way: its stream reset, or ended short of its Content-Length. */
  enum Cut { RESET, END_SHORT }

  @ParameterizedTest
  @EnumSource(Cut.class)
  void anUploadCutHalfWayFailsTheTaskAndWithdrawsItsTranscoder(Cut cut) throws Exception {
    FakeTranscoder t = register(4);
    Open open = sendSegment(t);
    Future<Void> upload = halfResult(open).compose(half -> cut == Cut.RESET
        ? half.request().write(half.data()).compose(v -> half.request().reset())
        : half.request().end(half.data()).compose(v -> half.request().response()).<Void>mapEmpty());
    AsyncResult<Void> outcome = await(upload.transform(Future::succeededFuture));
    if (cut == Cut.END_SHORT) {
      // HTTP/2 checks the length: the stream is reset at its end (PROTOCOL_ERROR), not left waiting for more.
      assertThat(outcome.cause()).isInstanceOf(StreamResetException.class);
    }
    assertWithdrawnAndGone(t, open);
    assertThat(open.gatewayError()).contains("could not be read");
  }

  @Test
  void anOversizedResultIsRefusedBeforeItsBodyIsSent() throws Exception {
    FakeTranscoder t = register(4);
    Open open = sendSegment(t);
    long tooBig = TranscodeResultsHandler.MAX_BODY_BYTES + 1;
    // Unknown task: refused as such, whatever its size.
    assertThat(postHeadOnly(headers(open.task().getTaskId() + 1000), tooBig)).isEqualTo(new Reply(400, "Invalid Task ID"));
    assertThat(t.ended).isNotDone();
    assertThat(postHeadOnly(headers(open.task().getTaskId()), tooBig))
        .isEqualTo(new Reply(500, "result body refused: TOO_BIG"));
    assertWithdrawnAndGone(t, open);
    assertThat(open.gatewayError()).contains("could not be read");
  }

  @Test
  void aRegistrationIsAnsweredWithTheHeaderThatSaysEveryResultIsDecodedHere() throws Exception {
    Metadata headers = await(register(1).accepted);
    assertThat(headers.get(Metadata.Key.of(RecountedResults.HEADER, Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo(RecountedResults.VALUE);
  }

  @Test
  void registrationsWithAWrongSecretOrNoCapacityAreRefused() throws Exception {
    assertRefused(FakeTranscoder.register(grpc, "not-the-secret", 4), "invalid secret");
    assertRefused(FakeTranscoder.register(grpc, "", 4), "invalid secret");
    assertRefused(FakeTranscoder.register(grpc, SECRET, 0), "zero capacity");
    assertRefused(FakeTranscoder.register(grpc, SECRET, -3), "zero capacity");
    assertThat(o.node.fleet().orElseThrow().remoteCount()).isZero();
    assertThat(o.node.fleet().orElseThrow().sessionCapacity()).isZero();
  }

  @Test
  void aFloodOfRegistrationsPastTheCapIsRefusedAndLeavesNothingBehind() throws Exception {
    TranscoderFleet fleet = o.node.fleet().orElseThrow();
    int threads = nodeThreads().size();
    long fds = openFiles();
    int flood = TranscoderRegistration.MAX_TRANSCODERS + 44;
    // Many connections, a few streams each (a connection takes 100 streams at once).
    List<GrpcJavaClient> channels = Stream.generate(() -> new GrpcJavaClient("127.0.0.1", o.port())).limit(50).toList();
    List<FakeTranscoder> registrations = new ArrayList<>();
    try {
      for (int i = 0; i < flood; i++) {
        registrations.add(FakeTranscoder.register(channels.get(i % channels.size()), SECRET, 1));
      }
      for (FakeTranscoder r : registrations) {
        await(CompletableFuture.anyOf(r.accepted, r.ended));
      }
      List<FakeTranscoder> refused = registrations.stream().filter(r -> !r.accepted.isDone()).toList();
      assertThat(refused).hasSize(flood - TranscoderRegistration.MAX_TRANSCODERS);
      for (FakeTranscoder r : refused) {
        assertRefused(r, "too many transcoders registered");
      }
      assertThat(fleet.remoteCount()).isEqualTo(TranscoderRegistration.MAX_TRANSCODERS);
      assertThat(fleet.sessionCapacity()).isEqualTo(TranscoderRegistration.MAX_TRANSCODERS);
      // Streams cancelled on connections that stay open are noticed, each one.
      registrations.forEach(FakeTranscoder::cancel);
      awaitRemoteCount(0);
      assertThat(fleet.sessionCapacity()).isZero();
    } finally {
      channels.forEach(GrpcJavaClient::close);
    }
    awaitTrue(() -> nodeThreads().size() <= threads + 4, () -> "threads " + nodeThreads() + ", were " + threads);
    awaitTrue(() -> openFiles() <= fds + 10, () -> "open files " + openFiles() + ", were " + fds);
  }

  // --- a fake transcoder and its results ---

  /** A transcoder's registration stream, as far as the orchestrator can tell one from it. */
  private static final class FakeTranscoder extends ClientCall.Listener<NotifySegment> {
    final BlockingQueue<NotifySegment> segments = new LinkedBlockingQueue<>();
    /** Completes with the orchestrator's response headers: the registration was taken. */
    final CompletableFuture<Metadata> accepted = new CompletableFuture<>();
    final CompletableFuture<Status> ended = new CompletableFuture<>();
    private ClientCall<RegisterRequest, NotifySegment> call;

    static FakeTranscoder register(GrpcJavaClient client, String secret, long capacity) {
      FakeTranscoder t = new FakeTranscoder();
      t.call = client.serverStream(REGISTER, RegisterRequest.newBuilder().setSecret(secret).setCapacity(capacity).build(),
          NotifySegment.parser(), t);
      return t;
    }

    @Override
    public void onHeaders(Metadata headers) {
      accepted.complete(headers);
    }

    @Override
    public void onMessage(NotifySegment message) {
      segments.add(message);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      ended.complete(status);
    }

    void cancel() {
      call.cancel("test done", null);
    }
  }

  private FakeTranscoder register(long capacity) {
    FakeTranscoder t = FakeTranscoder.register(grpc, SECRET, capacity);
    transcoders.add(t);
    await(t.accepted);
    return t;
  }

  /** A segment out with one of {@code candidates}, and what its gateway will be answered. */
  private record Open(FakeTranscoder transcoder, NotifySegment task, CompletableFuture<TranscodeResult> gateway) {
    String gatewayError() {
      return await(gateway).getError();
    }
  }

  private static Open sendSegment(FakeTranscoder... candidates) throws Exception {
    return sendSegment(DURATION_MS, candidates);
  }

  private static Open sendSegment(int durationMs, FakeTranscoder... candidates) throws Exception {
    long n = seq.incrementAndGet();
    SegData segData = gateway.segData(info, "hostile", n, segment, durationMs, LADDER);
    String payment = base64(gateway.payment(session, 2, info));
    CompletableFuture<TranscodeResult> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return TranscodeResult.parseFrom(gateway.post(o.serviceUri, base64(segData), payment, segment).body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      for (FakeTranscoder t : candidates) {
        NotifySegment task = t.segments.poll(50, TimeUnit.MILLISECONDS);
        if (task != null) {
          assertThat(task.getSegData().getSeq()).isEqualTo(n);
          return new Open(t, task, answer);
        }
      }
    }
    throw new AssertionError("no transcoder was sent segment " + n + "; the gateway got " + answer.getNow(null));
  }

  /** The task failed through its transcoder's fault: the transcoder is withdrawn and the task closed. */
  private void assertWithdrawnAndGone(FakeTranscoder t, Open open) throws Exception {
    assertThat(await(t.ended).getCode()).as("the withdrawn transcoder's stream ends").isEqualTo(Status.Code.OK);
    awaitRemoteCount(0);
    assertThat(postHeadOnly(headers(open.task().getTaskId()), 100)).isEqualTo(new Reply(400, "Invalid Task ID"));
    Reply input = await(http.request(HttpMethod.GET, o.port(), "127.0.0.1", URI.create(open.task().getUrl()).getPath())
        .compose(req -> req.send().compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString())))));
    assertThat(input).as("the task's input is dropped").isEqualTo(new Reply(404, "404 page not found\n"));
  }

  private static void assertRefused(FakeTranscoder t, String message) {
    Status status = await(t.ended);
    assertThat(t.accepted).isNotDone();
    assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(status.getDescription()).isEqualTo(message);
  }

  private static Map<String, String> headers(long taskId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Livepeer-Transcoder-1.0");
    headers.put("Credentials", SECRET);
    headers.put("TaskId", String.valueOf(taskId));
    headers.put("Pixels", "1000");
    headers.put("Content-Type", "multipart/mixed; boundary=" + BOUNDARY);
    return headers;
  }

  private static Map<String, String> errorHeaders(long taskId) {
    return with(with(headers(taskId), "Pixels", null), "Content-Type", TranscodeResultsHandler.ERROR_TYPE);
  }

  /** {@code headers} with {@code name} set to {@code value}, or removed when it is null. */
  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    return headers;
  }

  private static byte[] multipart(byte[] data, long pixels) {
    byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: video/mp2t\r\nContent-Length: " + data.length + "\r\nPixels: "
        + pixels + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    return Buffer.buffer(head).appendBytes(data).appendBytes(tail).getBytes();
  }

  private record Reply(int status, String text) {}

  private static Reply post(Map<String, String> headers, byte[] body) {
    return await(http.request(HttpMethod.POST, o.port(), "127.0.0.1", RemoteTranscoders.RESULTS_PATH).compose(req -> {
      headers.forEach(req::putHeader);
      return req.send(Buffer.buffer(body)).compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString())));
    }));
  }

  private record Half(HttpClientRequest request, Buffer data) {}

  /** A result upload for the task declaring its whole length, its head sent, and the first half of its body. */
  private static Future<Half> halfResult(Open open) {
    byte[] whole = multipart(segment, 1000);
    return http.request(HttpMethod.POST, o.port(), "127.0.0.1", RemoteTranscoders.RESULTS_PATH).map(req -> {
      headers(open.task().getTaskId()).forEach(req::putHeader);
      req.putHeader("Content-Length", String.valueOf(whole.length)).exceptionHandler(reset -> { });
      return new Half(req, Buffer.buffer(Arrays.copyOf(whole, whole.length / 2)));
    });
  }

  /** Sends only the head of a POST declaring {@code contentLength}: its answer comes without a byte of the body. */
  private static Reply postHeadOnly(Map<String, String> headers, long contentLength) {
    return await(http.request(HttpMethod.POST, o.port(), "127.0.0.1", RemoteTranscoders.RESULTS_PATH).compose(req -> {
      headers.forEach(req::putHeader);
      // The node ends the stream after its answer (RST_STREAM NO_ERROR): the rest of the body is not wanted.
      req.putHeader("Content-Length", String.valueOf(contentLength)).exceptionHandler(resetByTheNode -> { });
      return req.sendHead().compose(v -> req.response())
          .compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString())))
          .andThen(done -> req.reset());
    }));
  }

  // --- waiting ---

  private static void awaitRemoteCount(int count) {
    TranscoderFleet fleet = o.node.fleet().orElseThrow();
    awaitTrue(() -> fleet.remoteCount() == count, () -> "remote transcoders: " + fleet.remoteCount() + ", expected " + count);
  }

  private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The process's threads but the test's grpc-java client's (its executor keeps idle threads for a minute). */
  private static List<String> nodeThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> !name.startsWith("grpc-"))
        .sorted().toList();
  }

  private static long openFiles() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static <T> T await(Future<T> future) {
    return await(future.toCompletionStage().toCompletableFuture());
  }
}
