package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Worker processes: same results as in-process, and a killed or hung worker costs nothing. */
class TranscoderPoolTest {
  private static final List<VideoProfile> LADDER = LadderParser.parse("P144p30fps16x9,P240p30fps16x9");
  /** 16.7 s of 1080p: several seconds of work, long enough to kill a worker in the middle of it. */
  private static final byte[] LONG_SEGMENT = TestMedia.read("bad-cuvid.ts");

  private static TranscodeRequest request(String session, byte[] segment) {
    return new TranscodeRequest(session, 1, segment, TestMedia.declaredDurationMs(segment), LADDER);
  }

  private static TranscodeResult inProcess(byte[] segment) throws Exception {
    try (InProcessTranscoder transcoder = new InProcessTranscoder(EngineSettings.software(), 1)) {
      return transcoder.transcode(request("reference", segment)).get(120, TimeUnit.SECONDS);
    }
  }

  private static void assertSameWork(TranscodeResult actual, TranscodeResult expected) {
    assertThat(actual.decodedPixels()).isEqualTo(expected.decodedPixels());
    for (int i = 0; i < expected.renditions().size(); i++) {
      Rendition rendition = actual.renditions().get(i);
      assertThat(rendition.profile()).isEqualTo(expected.renditions().get(i).profile());
      assertThat(rendition.pixels()).isEqualTo(expected.renditions().get(i).pixels());
      assertThat(MediaProbe.probe(rendition.data()).pixels()).isEqualTo(rendition.pixels());
    }
  }

  /** Sends a real signal (bash's built-in kill: no procps needed). */
  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("bash", "-c", "kill -" + signal + " " + pid).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  @Test
  void workerProcessesGiveTheSameResultsAndErrorsAsInProcess() throws Exception {
    byte[] segment = TestMedia.read("transmux.ts");
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(2, 1))) {
      assertThat(pool.capacity()).isEqualTo(2);
      assertThat(pool.workerPids()).hasSize(2).doesNotContain(ProcessHandle.current().pid());
      assertSameWork(pool.transcode(request("a", segment)).get(60, TimeUnit.SECONDS), inProcess(segment));

      ExecutionException failure = catchThrowableOfType(ExecutionException.class,
          () -> pool.transcode(request("b", TestMedia.read("kryp-2.ts"))).get(60, TimeUnit.SECONDS));
      assertThat(failure.getCause()).isInstanceOf(TranscodeException.class).hasMessage("No keyframes in input");
    }
  }

  @Test
  void aWorkerKilledWithSigkillMidSegmentIsReplacedAndTheSegmentStillSucceeds() throws Exception {
    TranscodeResult expected = inProcess(LONG_SEGMENT);
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(2, 1))) {
      List<Long> before = pool.workerPids();
      CompletableFuture<TranscodeResult> running = pool.transcode(request("victim", LONG_SEGMENT));
      Thread.sleep(1500);
      assertThat(running).isNotDone();
      // A new session goes to the least-loaded worker, so the segment runs on the first one.
      signal("KILL", before.get(0));

      assertSameWork(running.get(120, TimeUnit.SECONDS), expected);
      assertThat(pool.workerPids()).hasSize(2).doesNotContain(before.get(0)).contains(before.get(1));
    }
  }

  @Test
  void aSegmentPastItsDeadlineIsStoppedAndItsWorkerKeptAndFree() throws Exception {
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(1, 1))) {
      long worker = pool.workerPids().get(0);
      TranscodeRequest late = new TranscodeRequest("late", 1, LONG_SEGMENT, TestMedia.declaredDurationMs(LONG_SEGMENT),
          LADDER, Duration.ofMillis(1500));
      long started = System.nanoTime();
      ExecutionException failure = catchThrowableOfType(ExecutionException.class,
          () -> pool.transcode(late).get(60, TimeUnit.SECONDS));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(failure.getCause()).hasMessage("TranscoderTimeout");
      assertThat(took).as("stopped within a step, not run to its end").isLessThan(Duration.ofSeconds(4));
      assertThat(pool.workerPids()).containsExactly(worker);
      byte[] segment = TestMedia.read("transmux.ts");
      assertSameWork(pool.transcode(request("next", segment)).get(60, TimeUnit.SECONDS), inProcess(segment));
    }
  }

  @Test
  void aStuckWorkerIsKilledItsLateSegmentFailedAndTheOtherSessionsSegmentRunsOnTheReplacement() throws Exception {
    PoolSettings settings = PoolSettings.of(1, 2).withStopGrace(Duration.ofSeconds(1));
    byte[] segment = TestMedia.read("transmux.ts");
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), settings)) {
      long stuck = pool.workerPids().get(0);
      signal("STOP", stuck); // frozen: it will neither answer nor stop
      CompletableFuture<TranscodeResult> late = pool.transcode(new TranscodeRequest("late", 1, segment,
          TestMedia.declaredDurationMs(segment), LADDER, Duration.ofSeconds(2)));
      CompletableFuture<TranscodeResult> other = pool.transcode(request("other", segment));

      ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> late.get(60, TimeUnit.SECONDS));
      assertThat(failure.getCause()).hasMessage("TranscoderTimeout");
      assertSameWork(other.get(60, TimeUnit.SECONDS), inProcess(segment));
      assertThat(pool.workerPids()).doesNotContain(stuck);
      assertThat(ProcessHandle.of(stuck).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void segmentsThatArriveWhileTheWorkerRestartsWaitForIt() throws Exception {
    byte[] segment = TestMedia.read("transmux.ts");
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(1, 2))) {
      long first = pool.workerPids().get(0);
      signal("KILL", first);
      List<CompletableFuture<TranscodeResult>> arriving = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        arriving.add(pool.transcode(request("s" + i, segment)));
      }
      long second = awaitNewWorker(pool, first);
      signal("KILL", second); // killed again while it starts
      TranscodeResult expected = inProcess(segment);
      for (CompletableFuture<TranscodeResult> result : arriving) {
        assertSameWork(result.get(90, TimeUnit.SECONDS), expected);
      }
    }
  }

  @Test
  void aSegmentWhoseWorkerDiesTwiceFailsWithARetryableError() throws Exception {
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(1, 1))) {
      long first = pool.workerPids().get(0);
      CompletableFuture<TranscodeResult> running = pool.transcode(request("doomed", LONG_SEGMENT));
      Thread.sleep(1000);
      signal("KILL", first);
      long second = awaitNewWorker(pool, first);
      Thread.sleep(2500); // the replacement starts, then works on the retried segment
      assertThat(running).isNotDone();
      signal("KILL", second);
      ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS));
      TranscodeException error = (TranscodeException) failure.getCause();
      assertThat(error.kind()).isEqualTo(TranscodeException.Kind.WORKER_CRASHED);
      assertThat(error.retryable()).isTrue();
    }
  }

  private static long awaitNewWorker(TranscoderPool pool, long old) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<Long> pids = pool.workerPids();
      if (!pids.isEmpty() && !pids.contains(old)) {
        return pids.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no replacement worker");
  }

  @Test
  void aWorkerThatCannotStartIsAClearStartUpError() {
    EngineSettings gpu = EngineSettings.software().withNvidia(List.of(0), 8);
    assertThatThrownBy(() -> new TranscoderPool(gpu, PoolSettings.of(1, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NVIDIA GPU 0");
  }

  @Test
  void workersExitWhenTheNodeIsKilled() throws Exception {
    Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dlpnode.testdata=" + TestMedia.dir(),
        PoolHost.class.getName()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream()))) {
      String line = out.readLine();
      while (line != null && !line.startsWith("workers ")) {
        line = out.readLine();
      }
      assertThat(line).as("the node printed its workers").isNotNull();
      long worker = Long.parseLong(line.substring("workers ".length()).trim());
      ProcessHandle handle = ProcessHandle.of(worker).orElseThrow();
      signal("KILL", node.pid());
      assertThat(handle.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
    } finally {
      node.destroyForcibly();
    }
  }

  /** A minimal node: starts a one-worker pool, prints the worker's pid and waits to be killed. */
  public static final class PoolHost {
    public static void main(String[] args) throws Exception {
      TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(1, 1));
      System.out.println("workers " + pool.workerPids().get(0));
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
