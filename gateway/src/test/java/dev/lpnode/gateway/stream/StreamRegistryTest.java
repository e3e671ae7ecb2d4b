package dev.lpnode.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.gateway.ingest.StreamConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {
  private final AtomicLong now = new AtomicLong();
  private final StreamRegistry registry = new StreamRegistry(2, Duration.ofSeconds(60), Duration.ofSeconds(30), now::get);

  private static StreamConfig config(String id) {
    return new StreamConfig(id, List.of());
  }

  @Test
  void oneLiveStreamPerManifestAndAtMostTheLimit() throws Exception {
    LiveStream a = registry.openRtmp(config("a"));
    assertThatThrownBy(() -> registry.openRtmp(config("a"))).isInstanceOf(StreamRejectedException.class)
        .hasMessage("Manifest already exists: a");
    registry.openRtmp(config("b"));
    assertThatThrownBy(() -> registry.openRtmp(config("c"))).isInstanceOf(StreamRejectedException.class)
        .hasMessageContaining("Too many connections");

    registry.end(a);
    LiveStream again = registry.openRtmp(config("a")); // an ended stream is replaced by a new publication
    assertThat(again).isNotSameAs(a);
    assertThat(registry.get("a")).containsSame(again);
    assertThat(registry.live()).isEqualTo(2);
  }

  @Test
  void refusesManifestIdsThatAreNotSafeInUrls() {
    for (String bad : new String[] {"", ".hidden", "a/b", "a b", "a%20", "x".repeat(129), "é"}) {
      assertThatThrownBy(() -> registry.openRtmp(config(bad))).as(bad).isInstanceOf(StreamRejectedException.class);
    }
    assertThat(StreamRegistry.validManifestId("Stream_1.live-2~x")).isTrue();
  }

  @Test
  void endsIdlePushStreamsAndForgetsEndedStreamsAfterTheLinger() throws Exception {
    LiveStream push = registry.pushStream("p", () -> config("p"));
    LiveStream rtmp = registry.openRtmp(config("r"));
    assertThat(registry.pushStream("p", () -> config("other"))).isSameAs(push);

    now.addAndGet(Duration.ofSeconds(59).toNanos());
    registry.touch(push);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(registry.sweep()).isEmpty();
    assertThat(push.ended()).isFalse();
    assertThat(rtmp.ended()).isFalse(); // RTMP streams end with their connection, not by idleness

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(registry.sweep()).isEmpty();
    assertThat(push.ended()).isTrue();
    assertThat(push.playlists().ended()).isTrue();
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(registry.sweep()).containsExactly("p");
    assertThat(registry.get("p")).isEmpty();
  }
}
