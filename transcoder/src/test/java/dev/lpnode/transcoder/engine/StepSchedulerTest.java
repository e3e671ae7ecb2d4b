package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.transcoder.TranscodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepSchedulerTest {
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService helpers = Executors.newCachedThreadPool();

  @AfterEach
  void stopHelpers() {
    helpers.shutdownNow();
  }

  /** A stage of {@code steps} steps, each ready once its feeder has done one more step than it has. */
  private final class Counting extends Stage {
    private final String name;
    private final int steps;
    private final Counting feeder;
    private final AtomicInteger released = new AtomicInteger();
    private int claimed;
    volatile int ran;
    RuntimeException failOnStep;
    long sleepMs;

    Counting(String name, int steps, Counting feeder) {
      this.name = name;
      this.steps = steps;
      this.feeder = feeder;
    }

    @Override
    boolean ready() {
      return claimed < steps && (feeder == null || feeder.ran > claimed);
    }

    @Override
    Object claim() {
      return ++claimed;
    }

    @Override
    void step(Object input) {
      log.add(name + input);
      sleep(sleepMs);
      if (failOnStep != null && (int) input == 2) {
        throw failOnStep;
      }
      ran++;
    }

    private void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    boolean done() {
      return claimed == steps;
    }

    @Override
    void release() {
      released.incrementAndGet();
    }
  }

  @Test
  void oneThreadRunsTheMostUrgentReadyStageFirst() {
    StepScheduler scheduler = new StepScheduler(new StopSignal());
    Counting source = new Counting("s", 2, null);
    Counting urgent = new Counting("u", 2, source);
    Counting later = new Counting("l", 2, source);
    scheduler.add(List.of(source, urgent, later));

    assertThat(scheduler.run(Runnable::run, 1)).isNull();

    // The source is ready again before its consumers are fed, so it runs first; then by priority.
    assertThat(log).containsExactly("s1", "s2", "u1", "u2", "l1", "l2");
    assertThat(List.of(source, urgent, later)).allMatch(stage -> stage.released.get() == 1);
  }

  @Test
  void helpersShareTheStepsAndEveryStageIsReleasedOnce() {
    StepScheduler scheduler = new StepScheduler(new StopSignal());
    Counting source = new Counting("s", 200, null);
    List<Counting> stages = new ArrayList<>(List.of(source));
    for (int i = 0; i < 4; i++) {
      stages.add(new Counting("r" + i + "-", 200, source));
    }
    scheduler.add(stages);

    assertThat(scheduler.run(helpers, 3)).isNull();

    assertThat(log).hasSize(1000);
    assertThat(stages).allMatch(stage -> stage.ran == 200 && stage.released.get() == 1);
  }

  @Test
  void aFailedStepStopsTheSegmentAndIsReturned() {
    StepScheduler scheduler = new StepScheduler(new StopSignal());
    Counting source = new Counting("s", 1000, null);
    source.sleepMs = 1; // far longer than the other stage takes to fail
    Counting failing = new Counting("f", 1000, null);
    failing.failOnStep = new TranscodeException(TranscodeException.Kind.RUNAWAY);
    scheduler.add(List.of(source, failing));

    Throwable failure = scheduler.run(helpers, 2);

    assertThat(failure).isSameAs(failing.failOnStep);
    assertThat(source.ran).isLessThan(1000);
    assertThat(source.released.get()).isEqualTo(1);
    assertThat(failing.released.get()).isEqualTo(1);
  }

  @Test
  void aPipelineThatCannotGoOnFailsInsteadOfHanging() {
    StepScheduler scheduler = new StepScheduler(new StopSignal());
    Counting starved = new Counting("x", 1, new Counting("never-run", 1, null));
    scheduler.add(List.of(starved));

    Throwable failure = scheduler.run(Runnable::run, 1);

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("can go on");
    assertThat(starved.released.get()).isEqualTo(1);
  }

  @Test
  void theCallingThreadRunsEveryStepWhenNoHelperCanStart() {
    StepScheduler scheduler = new StepScheduler(new StopSignal());
    Counting source = new Counting("s", 3, null);
    scheduler.add(List.of(source, new Counting("r", 3, source)));

    Throwable failure = scheduler.run(task -> {
      throw new RejectedExecutionException("shut down");
    }, 4);

    assertThat(failure).isNull();
    assertThat(log).hasSize(6);
  }

  @Test
  void aStopSignalEndsTheSegmentWithinAStepAndReleasesEverything() throws Exception {
    StopSignal stop = new StopSignal();
    StepScheduler scheduler = new StepScheduler(stop);
    Counting source = new Counting("s", 100_000, null);
    source.sleepMs = 1;
    Counting consumer = new Counting("c", 100_000, source);
    scheduler.add(List.of(source, consumer));
    java.util.concurrent.Future<Throwable> run = helpers.submit(() -> scheduler.run(helpers, 2));
    while (source.ran < 5) {
      Thread.onSpinWait();
    }
    stop.stop();

    Throwable failure = run.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(failure).isInstanceOf(TranscodeException.class).hasMessage("TranscoderStopped");
    assertThat(source.ran).isLessThan(100_000);
    assertThat(List.of(source, consumer)).allMatch(stage -> stage.released.get() == 1);
  }

  @Test
  void aSignalGivenBeforeTheStartRunsNoStep() {
    StopSignal stop = new StopSignal();
    stop.stop();
    StepScheduler scheduler = new StepScheduler(stop);
    scheduler.add(List.of(new Counting("s", 3, null)));

    assertThat(scheduler.run(Runnable::run, 1)).hasMessage("TranscoderStopped");
    assertThat(log).isEmpty();
  }
}
