package dev.lpnode.gateway.selection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuspenderTest {
  @Test
  void aSuspensionLastsItsPenaltyInRefreshes() {
    Suspender suspender = new Suspender();
    assertThat(suspender.suspended("https://o1:8935")).isZero();
    suspender.suspend("https://o1:8935", 2);
    assertThat(suspender.suspended("https://o1:8935")).isEqualTo(2);
    suspender.signalRefresh();
    suspender.signalRefresh();
    assertThat(suspender.suspended("https://o1:8935")).as("still suspended at the refresh it ends on").isEqualTo(2);
    suspender.signalRefresh();
    assertThat(suspender.suspended("https://o1:8935")).isZero();
  }

  @Test
  void suspensionsAddUp() {
    Suspender suspender = new Suspender();
    suspender.suspend("https://o1:8935", 1);
    suspender.suspend("https://o1:8935", 1);
    suspender.suspend("https://o2:8935", 1);
    assertThat(suspender.suspended("https://o1:8935")).isEqualTo(2);
    suspender.signalRefresh();
    suspender.signalRefresh();
    assertThat(suspender.suspended("https://o2:8935")).isZero();
    assertThat(suspender.suspended("https://o1:8935")).isEqualTo(2);
  }
}
