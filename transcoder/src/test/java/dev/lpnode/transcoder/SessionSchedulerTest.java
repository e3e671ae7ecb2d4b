package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSchedulerTest {
  private record Job(String sessionId, int cost, String name) implements SessionScheduler.Job {}

  private final List<String> started = new ArrayList<>();
  private final SessionScheduler<Job> scheduler = new SessionScheduler<>(4, job -> started.add(job.name()));

  @Test
  void runsWithinTheBudgetInArrivalOrder() {
    scheduler.submit(new Job("a", 2, "a1"));
    scheduler.submit(new Job("b", 2, "b1"));
    scheduler.submit(new Job("c", 1, "c1"));
    assertThat(started).containsExactly("a1", "b1");
    scheduler.finished(new Job("a", 2, "a1"));
    assertThat(started).containsExactly("a1", "b1", "c1");
  }

  @Test
  void oneSegmentPerSessionAtATime() {
    scheduler.submit(new Job("a", 1, "a1"));
    scheduler.submit(new Job("a", 1, "a2"));
    scheduler.submit(new Job("b", 1, "b1"));
    assertThat(started).containsExactly("a1", "b1");
    scheduler.finished(new Job("a", 1, "a1"));
    assertThat(started).containsExactly("a1", "b1", "a2");
  }

  @Test
  void aLargeJobIsNotOvertakenBySmallerOnes() {
    scheduler.submit(new Job("a", 3, "a1"));
    scheduler.submit(new Job("b", 4, "b1"));
    scheduler.submit(new Job("c", 1, "c1"));
    assertThat(started).containsExactly("a1");
    scheduler.finished(new Job("a", 3, "a1"));
    assertThat(started).containsExactly("a1", "b1");
    assertThat(scheduler.load()).isEqualTo(5);
    assertThat(scheduler.takeWaiting()).extracting(Job::name).containsExactly("c1");
  }
}
