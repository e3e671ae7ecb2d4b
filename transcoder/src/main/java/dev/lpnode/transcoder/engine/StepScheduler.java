package dev.lpnode.transcoder.engine;

import dev.lpnode.transcoder.TranscodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the stages of one segment on a few threads. A thread that finishes a step picks the next one
 * itself: the first stage, in priority order, that is ready. No step is handed to a parked thread (the
 * wake-up would leave a core idle), and the stages that bound the segment's latency (the decoder, then
 * the largest rendition, whose encoder is the longest serial chain) never wait behind smaller ones, so
 * less of the largest rendition is left to encode alone once the input has been decoded.
 */
final class StepScheduler {
  private final List<Stage> stages = new ArrayList<>();
  private final StopSignal stop;
  private Throwable failure;
  private int running;
  private int idle;

  /** A scheduler that ends the segment with {@code TranscoderStopped} once {@code stop} is given. */
  StepScheduler(StopSignal stop) {
    this.stop = stop;
    stop.onStop(() -> update(() -> {}));
  }

  /** Adds stages in priority order, after (less urgent than) those added before. */
  synchronized void add(List<? extends Stage> more) {
    stages.addAll(more);
    wakeIdle();
  }

  /**
   * Runs every step on the calling thread and {@code threads - 1} tasks on {@code helpers}, until every
   * stage is done or one step has failed, then frees every stage's objects.
   *
   * @return the first failure, or null
   */
  Throwable run(Executor helpers, int threads) {
    try {
      for (int i = 1; i < threads; i++) {
        try {
          helpers.execute(this::work);
        } catch (RejectedExecutionException e) {
          break; // the calling thread can run every step by itself
        }
      }
      work();
      awaitNoStep();
    } finally {
      for (int i = stages.size() - 1; i >= 0; i--) {
        stages.get(i).release();
      }
    }
    return failure;
  }

  /** Applies {@code change} to a stage's input with the lock held, and lets waiting threads look again. */
  synchronized void update(Runnable change) {
    change.run();
    wakeIdle();
  }

  private void wakeIdle() {
    if (idle > 0) {
      notifyAll();
    }
  }

  private void work() {
    Stage stage = null;
    while (true) {
      Object input;
      synchronized (this) {
        if (stage != null) {
          stage.running = false;
          running--;
          notifyAll(); // the finished step may have made a stage ready, or let the segment end
        }
        stage = next();
        if (stage == null) {
          return;
        }
        stage.running = true;
        running++;
        input = stage.claim();
      }
      try {
        stage.step(input);
      } catch (Throwable t) {
        synchronized (this) {
          if (failure == null) {
            failure = t;
          }
        }
      }
    }
  }

  /** The most urgent ready stage, waiting for one; null once the segment is over. */
  private Stage next() {
    while (true) {
      if (stop.stopped() && failure == null) {
        failure = new TranscodeException(TranscodeException.Kind.STOPPED);
      }
      if (over()) {
        return null;
      }
      for (Stage stage : stages) {
        if (!stage.running && stage.ready()) {
          return stage;
        }
      }
      if (running == 0) {
        failure = new IllegalStateException("no stage of the segment can go on"); // a bug, not a hang
        return null;
      }
      idle++;
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = new TranscodeException(TranscodeException.Kind.STOPPED);
        }
      } finally {
        idle--;
      }
    }
  }

  private boolean over() {
    return failure != null || (running == 0 && stages.stream().allMatch(Stage::done));
  }

  /** After a failure, steps that had started finish before anything is freed. */
  private synchronized void awaitNoStep() {
    boolean interrupted = false;
    while (running > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // a step always ends, so this wait is short
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
