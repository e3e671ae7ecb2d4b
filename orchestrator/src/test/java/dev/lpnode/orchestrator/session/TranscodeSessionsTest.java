package dev.lpnode.orchestrator.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.orchestrator.testing.MutableClock;
import dev.lpnode.payments.crypto.EthAddress;
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
    CompletableFuture<String> first = sessions.submit("a", false, () -> gate);
    assertThat(sessions.hasCapacity(false)).isFalse();
    assertThat(sessions.admits("a", false)).isTrue();
    assertThat(sessions.admits("b", false)).isFalse();
    assertThat(failure(sessions.submit("b", false, () -> CompletableFuture.completedFuture("x")))).isEqualTo("OrchestratorCapped");
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
      results.add(sessions.submit("s", false, () -> {
        started.add(n);
        return gate;
      }));
    }
    assertThat(started).containsExactly(0);
    assertThat(failure(sessions.submit("s", false, () -> CompletableFuture.completedFuture(9)))).isEqualTo("OrchestratorBusy");

    gates.get(0).complete(0);
    assertThat(started).containsExactly(0, 1);
    gates.get(1).completeExceptionally(new IllegalStateException("bad segment"));
    assertThat(started).containsExactly(0, 1, 2);
    gates.subList(2, 5).forEach(g -> g.complete(1));
    assertThat(results.get(4).join()).isEqualTo(1);
    assertThat(sessions.submit("s", false, () -> CompletableFuture.completedFuture(7)).join()).isEqualTo(7);
  }

  @Test
  void idleSessionsEndAfterSeventySeconds() {
    TranscodeSessions sessions = new TranscodeSessions(10, clock, ended::add);
    sessions.submit("a", false, () -> CompletableFuture.completedFuture(1)).join();
    CompletableFuture<Integer> running = new CompletableFuture<>();
    sessions.submit("busy", false, () -> running);
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

  @Test
  void theReservedSessionsOfTheCapStartOnlyForPriorityGateways() {
    EthAddress staked = EthAddress.fromHex("0x00000000000000000000000000000000000000aa");
    AdmissionPriority lastTwo = new AdmissionPriority() {
      @Override
      public int reserved(int maxSessions) {
        return 2;
      }

      @Override
      public boolean hasPriority(EthAddress gateway) {
        return gateway.equals(staked);
      }
    };
    TranscodeSessions sessions = new TranscodeSessions(3, clock, ended::add, lastTwo);
    assertThat(sessions.reservedSessions()).isEqualTo(2);
    sessions.submit("plain", false, () -> new CompletableFuture<>());
    assertThat(sessions.hasCapacity(false)).isFalse();
    assertThat(sessions.admits("plain", false)).as("its own session goes on").isTrue();
    assertThat(failure(sessions.submit("plain-2", false, () -> CompletableFuture.completedFuture(1))))
        .isEqualTo("OrchestratorCapped");
    assertThat(sessions.hasCapacity(true)).isTrue();
    assertThat(sessions.hasPriority(staked)).isTrue();
    sessions.submit("staked-1", true, () -> new CompletableFuture<>());
    sessions.submit("staked-2", true, () -> new CompletableFuture<>());
    assertThat(sessions.activeSessions()).isEqualTo(3);
    assertThat(failure(sessions.submit("staked-3", true, () -> CompletableFuture.completedFuture(1))))
        .as("the cap holds for priority gateways too").isEqualTo("OrchestratorCapped");
    // A cap of 1 with 2 reserved: the whole cap is reserved, never more.
    sessions.setMaxSessions(1);
    assertThat(sessions.reservedSessions()).isEqualTo(1);
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
