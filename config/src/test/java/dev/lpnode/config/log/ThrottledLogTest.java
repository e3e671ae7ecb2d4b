package dev.lpnode.config.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final List<String> lines = new ArrayList<>();
  private long now = 1_000;
  private final ThrottledLog log = new ThrottledLog(lines::add, Duration.ofSeconds(10), () -> now);

  @Test
  void aCauseIsLoggedOncePerIntervalAndTheRestCounted() {
    for (int i = 0; i < 100_000; i++) {
      log.log("push: bad URL", "{} sent {}", "10.0.0." + (i % 256), "/live/%u002e");
    }
    assertThat(lines).containsExactly("push: bad URL: 10.0.0.0 sent /live/%u002e");
    now += Duration.ofSeconds(10).toNanos();
    log.log("push: bad URL", "{} sent {}", "10.0.0.9", "/x");
    assertThat(lines).hasSize(2).last().isEqualTo("push: bad URL: 10.0.0.9 sent /x (and 99999 more since the last line)");
  }

  @Test
  void causesAreThrottledApart() {
    log.log("rtmp: refused", "{}", "a");
    log.log("rtmp: handshake", "{}", "b");
    log.log("rtmp: refused", "{}", "c");
    assertThat(lines).containsExactly("rtmp: refused: a", "rtmp: handshake: b");
  }

  @Test
  void argumentsAreCutAndCannotForgeLines() {
    log.log("cause", "uri {}", "/a\nFAKE 12:00 ERROR forged" + "x".repeat(500));
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line).doesNotContain("\n").startsWith("cause: uri /a?FAKE").endsWith("…");
    assertThat(line.length()).isLessThan(ThrottledLog.MAX_ARGUMENT_CHARS + 20);
  }

  @Test
  void aThrowableIsItsMessageNotItsTrace() {
    log.log("cause", "failed: {}", new IllegalArgumentException("bad escape %u0"));
    assertThat(lines).containsExactly("cause: failed: IllegalArgumentException: bad escape %u0");
  }

  @Test
  void missingOrExtraPlaceholdersAreHarmless() {
    log.log("a", "{} and {}", "one");
    log.log("b", "none", "ignored");
    assertThat(lines).containsExactly("a: one and {}", "b: none");
  }
}
