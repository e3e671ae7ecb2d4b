package dev.lpnode.orchestrator.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TranscodeSessionsTest {
  private final MutableClock clock = new MutableClock();
  private final List<String> ended = new ArrayList<>();

  @Test
  void capsNewSessionsButAdmitsExistingOnes() {
    TranscodeSessions sessions = new TranscodeSessions(1, clock, ended::add);
    CompletableFuture<String> gate = new CompletableFuture<>();
    CompletableFuture<String> first = sessions.submit("a", () -> gate);
    assertThat(sessions.hasCapacity()).isFalse();
    assertThat(sessions.admits("a")).isTrue();
    assertThat(sessions.admits("b")).isFalse();
    assertThat(failure(sessions.submit("b", () -> CompletableFuture.completedFuture("x")))).isEqualTo("OrchestratorCapped");
    gate.complete("done");
    assertThat(first.join()).isEqualTo("done");
  }

  @Test
  void runsOneSegmentAtATimeAndRefusesAFifthWaiting() {
    TranscodeSessions sessions = new TranscodeSessions(10, clock, ended::add);
    List<CompletableFuture<Integer>> gates = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      CompletableFuture<Integer> gate = new CompletableFuture<>();
      gates.add(gate);
      results.add(sessions.submit("s", () -> {
        started.add(n);
        return gate;
      }));
    }
    assertThat(started).containsExactly(0);
    assertThat(failure(sessions.submit("s", () -> CompletableFuture.completedFuture(9)))).isEqualTo("OrchestratorBusy");

    gates.get(0).complete(0);
    assertThat(started).containsExactly(0, 1);
    gates.get(1).completeExceptionally(new IllegalStateException("bad segment"));
    assertThat(started).containsExactly(0, 1, 2);
    gates.subList(2, 5).forEach(g -> g.complete(1));
    assertThat(results.get(4).join()).isEqualTo(1);
    assertThat(sessions.submit("s", () -> CompletableFuture.completedFuture(7)).join()).isEqualTo(7);
  }

  @Test
  void idleSessionsEndAfterSeventySeconds() {
    TranscodeSessions sessions = new TranscodeSessions(10, clock, ended::add);
    sessions.submit("a", () -> CompletableFuture.completedFuture(1)).join();
    CompletableFuture<Integer> running = new CompletableFuture<>();
    sessions.submit("busy", () -> running);
    clock.advance(Duration.ofSeconds(69));
    sessions.expireIdle();
    assertThat(ended).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    sessions.expireIdle();
    assertThat(ended).containsExactly("a");
    assertThat(sessions.activeSessions()).isEqualTo(1);

    sessions.end("busy");
    assertThat(ended).containsExactly("a", "busy");
    running.complete(1);
  }

  private static String failure(CompletableFuture<?> future) {
    try {
      future.join();
      return "no failure";
    } catch (CompletionException e) {
      return e.getCause().getMessage();
    }
  }
}
