package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lpnode.config.ladder.Presets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Placement, retry and refusal rules, with workers whose answers the test decides. */
class DispatcherTest {
  /** A worker that records what it was given and lets the test finish it. */
  private static final class HeldWorker implements Dispatcher.Worker {
    final List<TranscodeRequest> received = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<CompletableFuture<TranscodeResult>> running = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<TranscodeRequest> cancelled = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized CompletableFuture<TranscodeResult> run(TranscodeRequest request) {
      CompletableFuture<TranscodeResult> result = new CompletableFuture<>();
      received.add(request);
      running.add(result);
      return result;
    }

    @Override
    public synchronized void cancel(TranscodeRequest request) {
      cancelled.add(request);
    }

    @Override
    public void endSession(String sessionId) {}
  }

  private static TranscodeRequest request(String session, int renditions) {
    return request(session, renditions, Duration.ofMinutes(1));
  }

  private static TranscodeRequest request(String session, int renditions, Duration timeout) {
    return new TranscodeRequest(session, 0, new byte[0], 2000,
        java.util.Collections.nCopies(renditions, Presets.byName("P144p30fps16x9").orElseThrow()), timeout);
  }

  private static Throwable failureOf(CompletableFuture<TranscodeResult> result) {
    return catchThrowableOfType(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS)).getCause();
  }

  private static final TranscodeResult EMPTY = new TranscodeResult(List.of(), 0, 0);

  @Test
  void sessionsStickToTheirWorkerAndSpreadOverWorkers() {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker first = new HeldWorker();
    HeldWorker second = new HeldWorker();
    dispatcher.addSlot("first", 2).worker(first);
    dispatcher.addSlot("second", 2).worker(second);
    dispatcher.submit(request("a", 1));
    dispatcher.submit(request("b", 1));
    first.running.get(0).complete(EMPTY);
    dispatcher.submit(request("a", 1));
    assertThat(first.received).extracting(TranscodeRequest::sessionId).containsExactly("a", "a");
    assertThat(second.received).extracting(TranscodeRequest::sessionId).containsExactly("b");
  }

  @Test
  void aLostWorkersSegmentRunsOnceMoreElsewhereThenFails() throws Exception {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker first = new HeldWorker();
    HeldWorker second = new HeldWorker();
    dispatcher.addSlot("first", 1).worker(first);
    dispatcher.addSlot("second", 1).worker(second);
    CompletableFuture<TranscodeResult> result = dispatcher.submit(request("a", 1));
    first.running.get(0).completeExceptionally(
        new Dispatcher.WorkerLostException(TranscodeException.Kind.WORKER_CRASHED, "killed", true));
    assertThat(second.received).hasSize(1);
    second.running.get(0).completeExceptionally(
        new Dispatcher.WorkerLostException(TranscodeException.Kind.TIMEOUT, "hung", true));
    ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
    assertThat(failure.getCause()).hasMessage("TranscoderTimeout");
    assertThat(((TranscodeException) failure.getCause()).retryable()).isTrue();
  }

  @Test
  void segmentErrorsAreNotRetried() {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker only = new HeldWorker();
    dispatcher.addSlot("only", 1).worker(only);
    CompletableFuture<TranscodeResult> result = dispatcher.submit(request("a", 1));
    only.running.get(0).completeExceptionally(new TranscodeException(TranscodeException.Kind.NO_KEYFRAMES));
    ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
    assertThat(failure.getCause()).hasMessage("No keyframes in input");
    assertThat(only.received).hasSize(1);
  }

  @Test
  void aLadderLargerThanAnyGpuBudgetIsRefusedAsBusy() {
    Dispatcher dispatcher = new Dispatcher(r -> r.profiles().size());
    dispatcher.addSlot("gpu0", 3).worker(new HeldWorker());
    CompletableFuture<TranscodeResult> result = dispatcher.submit(request("a", 4));
    ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
    assertThat(failure.getCause()).hasMessage("TranscoderBusy");
  }

  @Test
  void aSegmentPastItsDeadlineIsStoppedAndNeverRunsAgain() throws Exception {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker first = new HeldWorker();
    HeldWorker second = new HeldWorker();
    dispatcher.addSlot("first", 1).worker(first);
    dispatcher.addSlot("second", 1).worker(second);
    TranscodeRequest late = request("late", 1, Duration.ofMillis(200));
    CompletableFuture<TranscodeResult> result = dispatcher.submit(late);
    awaitUntil(() -> !first.cancelled.isEmpty());
    assertThat(first.cancelled).containsExactly(late);
    assertThat(result).as("done once the worker let go of it").isNotDone();

    // The worker is then killed for not letting go: the segment is not retried, it timed out.
    first.running.get(0).completeExceptionally(new Dispatcher.WorkerLostException(TranscodeException.Kind.TIMEOUT, "stuck", true));
    assertThat(failureOf(result)).hasMessage("TranscoderTimeout");
    assertThat(second.received).isEmpty();
  }

  @Test
  void aQueuedSegmentPastItsDeadlineFailsWithoutRunning() {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker only = new HeldWorker();
    dispatcher.addSlot("only", 1).worker(only);
    dispatcher.submit(request("busy", 1));
    CompletableFuture<TranscodeResult> queued = dispatcher.submit(request("waiting", 1, Duration.ofMillis(100)));

    assertThat(failureOf(queued)).hasMessage("TranscoderTimeout");
    only.running.get(0).complete(EMPTY);
    assertThat(only.received).extracting(TranscodeRequest::sessionId).containsExactly("busy");
  }

  @Test
  void aCancelledSegmentIsDroppedOrStopped() {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker only = new HeldWorker();
    dispatcher.addSlot("only", 1).worker(only);
    TranscodeRequest running = request("running", 1);
    TranscodeRequest waiting = request("waiting", 1);
    CompletableFuture<TranscodeResult> first = dispatcher.submit(running);
    CompletableFuture<TranscodeResult> second = dispatcher.submit(waiting);

    dispatcher.cancel(waiting);
    dispatcher.cancel(running);
    assertThat(failureOf(second)).hasMessage("TranscoderStopped");
    assertThat(only.cancelled).containsExactly(running);
    only.running.get(0).complete(EMPTY); // finished anyway: nobody wants it
    assertThat(failureOf(first)).hasMessage("TranscoderStopped");
    assertThat(only.received).containsExactly(running);
  }

  @Test
  void segmentsWaitForAReplacementWorkerWithinTheirDeadlines() throws Exception {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    Dispatcher.Slot slot = dispatcher.addSlot("only", 2);
    slot.worker(null); // being replaced
    CompletableFuture<TranscodeResult> patient = dispatcher.submit(request("patient", 1));
    CompletableFuture<TranscodeResult> hurried = dispatcher.submit(request("hurried", 1, Duration.ofMillis(100)));
    assertThat(failureOf(hurried)).hasMessage("TranscoderTimeout");

    HeldWorker replacement = new HeldWorker();
    slot.worker(replacement);
    assertThat(replacement.received).extracting(TranscodeRequest::sessionId).containsExactly("patient");
    replacement.running.get(0).complete(EMPTY);
    assertThat(patient.get(5, TimeUnit.SECONDS)).isSameAs(EMPTY);
  }

  @Test
  void aWorkerLostBeforeItWasReadyCostsNoAttempt() throws Exception {
    Dispatcher dispatcher = new Dispatcher(r -> 1);
    HeldWorker only = new HeldWorker();
    dispatcher.addSlot("only", 1).worker(only);
    CompletableFuture<TranscodeResult> result = dispatcher.submit(request("a", 1));
    for (int i = 0; i < 3; i++) {
      only.running.get(i).completeExceptionally(
          new Dispatcher.WorkerLostException(TranscodeException.Kind.WORKER_CRASHED, "died starting", false));
    }
    only.running.get(3).complete(EMPTY);
    assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(EMPTY);
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
