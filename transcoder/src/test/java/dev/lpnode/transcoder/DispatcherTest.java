package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lpnode.config.ladder.Presets;
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
    final List<TranscodeRequest> received = new ArrayList<>();
    final List<CompletableFuture<TranscodeResult>> running = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<TranscodeResult> run(TranscodeRequest request) {
      CompletableFuture<TranscodeResult> result = new CompletableFuture<>();
      received.add(request);
      running.add(result);
      return result;
    }

    @Override
    public void endSession(String sessionId) {}
  }

  private static TranscodeRequest request(String session, int renditions) {
    return new TranscodeRequest(session, 0, new byte[0], 2000,
        java.util.Collections.nCopies(renditions, Presets.byName("P144p30fps16x9").orElseThrow()));
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
        new Dispatcher.WorkerLostException(TranscodeException.Kind.WORKER_CRASHED, "killed"));
    assertThat(second.received).hasSize(1);
    second.running.get(0).completeExceptionally(
        new Dispatcher.WorkerLostException(TranscodeException.Kind.TIMEOUT, "hung"));
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
}
