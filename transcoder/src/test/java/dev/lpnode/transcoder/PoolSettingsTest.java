package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {
  @Test
  void aStuckWorkerIsGivenAFewSecondsToStopASegment() {
    assertThat(PoolSettings.of(2, 1).stopGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(PoolSettings.of(2, 1).withStopGrace(Duration.ofSeconds(1)).stopGrace()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void workersAreSupervisedJvmsWithABoundedHeap() {
    assertThat(PoolSettings.of(1, 1).workerJvmOptions()).contains("-Xmx1g", "-XX:+UseSerialGC");
    assertThatThrownBy(() -> PoolSettings.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
