package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {
  @Test
  void theWatchdogFollowsTheSegmentDurationAboveAMinimum() {
    PoolSettings settings = PoolSettings.of(2, 1);
    assertThat(settings.watchdog(2000)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.watchdog(10_000)).isEqualTo(Duration.ofSeconds(100));
    assertThat(settings.withWatchdog(Duration.ofSeconds(5), 3).watchdog(4000)).isEqualTo(Duration.ofSeconds(12));
    assertThat(settings.watchdog(-1)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void workersAreSupervisedJvmsWithABoundedHeap() {
    assertThat(PoolSettings.of(1, 1).workerJvmOptions()).contains("-Xmx1g", "-XX:+UseSerialGC");
    assertThatThrownBy(() -> PoolSettings.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
