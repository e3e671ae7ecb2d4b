package dev.lpnode.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  @Test
  void growsByHalfEachFailureUpToAMinuteAndStartsSmallAgainAfterARegistration() {
    ReconnectBackoff backoff = new ReconnectBackoff(() -> 0.5); // the middle of the jitter: no jitter
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      waits.add(backoff.next().toMillis());
    }
    assertThat(waits.subList(0, 4)).containsExactly(500L, 750L, 1125L, 1688L);
    assertThat(waits).isSorted().allMatch(w -> w <= 60_000);
    assertThat(waits.get(14)).isEqualTo(60_000);
    // Five failures in a row stay under 10 s in total: an orchestrator restart is followed within seconds.
    assertThat(waits.subList(0, 5).stream().mapToLong(Long::longValue).sum()).isLessThan(10_000);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void jitterSpreadsEachWaitByHalfEitherWay() {
    assertThat(new ReconnectBackoff(() -> 0.0).next()).isEqualTo(Duration.ofMillis(250));
    assertThat(new ReconnectBackoff(() -> 0.999).next().toMillis()).isBetween(748L, 750L);
  }
}
