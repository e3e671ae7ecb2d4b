package dev.lpnode.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginTest {
  private static final Optional<Origin> ORCHESTRATOR = Origin.of("https://o.example:8935");

  @Test
  void theOrchestratorsOwnOriginMatchesWhateverThePath() {
    assertThat(Origin.of("https://o.example:8935/stream/1a2b/P240p30fps16x9/17.ts")).isEqualTo(ORCHESTRATOR);
    assertThat(Origin.of("HTTPS://O.Example:8935/stream/x.ts")).isEqualTo(ORCHESTRATOR);
    assertThat(Origin.of("https://o.example/x.ts")).isEqualTo(Origin.of("https://o.example:443"));
  }

  @Test
  void anotherSchemeHostOrPortIsAnotherOrigin() {
    assertThat(Origin.of("http://o.example:8935/x.ts")).isNotEqualTo(ORCHESTRATOR);
    assertThat(Origin.of("https://127.0.0.1:8935/x.ts")).isNotEqualTo(ORCHESTRATOR);
    assertThat(Origin.of("https://o.example:7935/setMaxSessions?maxSessions=0")).isNotEqualTo(ORCHESTRATOR);
    assertThat(Origin.of("https://o.example.evil:8935/x.ts")).isNotEqualTo(ORCHESTRATOR);
  }

  @Test
  void urlsWithoutAUsableOriginHaveNone() {
    assertThat(Origin.of("https://o.example:8935@127.0.0.1:7935/status")).isEmpty();
    assertThat(Origin.of("/stream/x.ts")).isEmpty();
    assertThat(Origin.of("file:///etc/passwd")).isEmpty();
    assertThat(Origin.of("https://o.example:8935/a b")).isEmpty();
    assertThat(Origin.of("")).isEmpty();
  }
}
