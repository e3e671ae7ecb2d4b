package dev.lpnode.transcoder;

import dev.lpnode.transcoder.worker.WorkerMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production transcoder: segments run in supervised worker processes, so a crash or hang inside
 * FFmpeg or a GPU driver costs one worker, never the node. Each stream session sticks to one worker. A
 * worker that dies, hangs or reports an unrecoverable GPU error is killed and replaced, and the
 * segments it held run once more on another worker (or on its replacement).
 *
 * <p>On the CPU there are {@link PoolSettings#workers()} workers of {@link PoolSettings#slotsPerWorker()}
 * segments each; with GPUs, one worker per GPU runs as many segments as its NVENC session cap allows.
 * A segment past its deadline is stopped; a worker that does not stop it within {@link
 * PoolSettings#stopGrace()} is stuck and is killed, and only the other segments it held run again.
 */
public final class TranscoderPool extends DispatchingTranscoder {
  private static final Logger LOG = LoggerFactory.getLogger(TranscoderPool.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  private final PoolSettings pool;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
      InProcessWorker.daemon("lpnode-transcoder-watchdog"));
  private final List<Member> members = new ArrayList<>();
  private volatile boolean closed;

  /** A worker's place: its slot in the dispatcher and how to start its process again. */
  private final class Member {
    private final Dispatcher.Slot slot;
    private final WorkerMain.Arguments arguments;
    private volatile WorkerProcess process;
    private int quickFailures;

    Member(Dispatcher.Slot slot, WorkerMain.Arguments arguments) {
      this.slot = slot;
      this.arguments = arguments;
    }

    WorkerProcess start() {
      WorkerProcess started = WorkerProcess.start(slot.name(), arguments, pool, timers, this::replace);
      process = started;
      slot.worker(started);
      started.ready().thenRun(() -> quickFailures = 0);
      return started;
    }

    /**
     * Called by a lost worker before its segments fail: segments that come meanwhile wait in the slot
     * for the replacement (within their deadlines) rather than fail on a dead process.
     */
    private void replace(WorkerProcess lost) {
      if (closed || lost != process) {
        return;
      }
      slot.worker(null);
      // A lost worker's ready() is always done by now, exceptionally if it never became ready.
      boolean neverReady = lost.ready().isCompletedExceptionally();
      long delayMs = neverReady ? Math.min(30_000, 1000L << Math.min(quickFailures++, 5)) : 0;
      if (delayMs == 0) {
        start();
      } else {
        // A worker that cannot even start (e.g. its GPU vanished) is retried with back-off.
        LOG.error("transcoder worker {} failed to start; trying again in {} ms", slot.name(), delayMs);
        timers.schedule(() -> {
          if (!closed) {
            start();
          }
        }, delayMs, TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * Starts every worker and waits until they are ready.
   *
   * @throws IllegalStateException when a worker cannot start (no usable GPU, no NVENC, …)
   */
  public TranscoderPool(EngineSettings engine, PoolSettings pool) {
    super(engine);
    this.pool = pool;
    if (engine.nvidia()) {
      for (int gpu : engine.nvidiaDevices()) {
        EngineSettings onGpu = engine.withNvidia(List.of(gpu), engine.nvencSessionCap());
        add("gpu" + gpu, engine.nvencSessionCap(), new WorkerMain.Arguments(onGpu, engine.nvencSessionCap()));
      }
    } else {
      for (int i = 0; i < pool.workers(); i++) {
        add("worker" + i, pool.slotsPerWorker(), new WorkerMain.Arguments(engine, pool.slotsPerWorker()));
      }
    }
    try {
      CompletableFuture.allOf(members.stream().map(m -> m.start().ready()).toArray(CompletableFuture[]::new))
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("transcoder workers did not start: " + cause.getMessage(), cause);
    }
  }

  private void add(String name, int budget, WorkerMain.Arguments arguments) {
    members.add(new Member(dispatcher.addSlot(name, budget), arguments));
  }

  /** Process ids of the current workers (for metrics, and for tests that kill one). */
  public List<Long> workerPids() {
    return members.stream().map(m -> m.process).filter(p -> p != null && !p.isLost()).map(WorkerProcess::pid).toList();
  }

  /** CPU time the current worker processes have spent so far. */
  public Duration workerCpuTime() {
    return workerPids().stream()
        .map(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public void close() {
    closed = true;
    dispatcher.close();
    for (Member member : members) {
      if (member.process != null) {
        member.process.stop();
      }
    }
    timers.shutdown();
  }
}
