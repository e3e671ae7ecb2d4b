package dev.lpnode.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.wire.net.OrchestratorInfo;
import org.junit.jupiter.api.Test;

class DiscoveryRoundTest {
  private static Discovered answer(String uri) {
    return new Discovered(uri, OrchestratorInfo.newBuilder().setTranscoder(uri).build(), 1);
  }

  @Test
  void endsWhenEnoughAreAccepted() {
    DiscoveryRound round = new DiscoveryRound(5, 2, 500);
    round.accepted(answer("a"), 0);
    assertThat(round.done()).isFalse();
    round.accepted(answer("b"), 0);
    assertThat(round.done()).isTrue();
    assertThat(round.result()).extracting(Discovered::uri).containsExactly("a", "b");
  }

  @Test
  void endsWhenEveryoneAnswered() {
    DiscoveryRound round = new DiscoveryRound(3, 3, 500);
    round.rejected();
    round.accepted(answer("b"), 0);
    assertThat(round.done()).isFalse();
    round.rejected();
    assertThat(round.done()).isTrue();
    assertThat(round.result()).extracting(Discovered::uri).containsExactly("b");
  }

  @Test
  void aTimerEndsTheRoundOnceSomeoneWasAcceptedOtherwiseWaitsTwiceAsLong() {
    DiscoveryRound round = new DiscoveryRound(4, 4, 500);
    assertThat(round.firstTimeoutMs()).isEqualTo(500);
    assertThat(round.timerFired()).as("re-armed with the current timeout").isEqualTo(500);
    assertThat(round.done()).isFalse();
    assertThat(round.timerFired()).isEqualTo(1000);
    assertThat(round.timerFired()).isEqualTo(2000);
    assertThat(round.timerFired()).isEqualTo(4000);
    assertThat(round.timerFired()).as("capped at the cutoff").isEqualTo(6000);
    round.accepted(answer("slow"), 0);
    assertThat(round.done()).isFalse();
    round.timerFired();
    assertThat(round.done()).isTrue();
    round.accepted(answer("late"), 0);
    assertThat(round.result()).extracting(Discovered::uri).containsExactly("slow");
  }

  @Test
  void theCutoffEndsTheRoundEvenWithNothingFound() {
    DiscoveryRound round = new DiscoveryRound(2, 2, 500);
    round.cutoff();
    assertThat(round.done()).isTrue();
    assertThat(round.result()).isEmpty();
  }

  @Test
  void suspendedOrchestratorsOnlyFillTheNumberWantedLowestPenaltyFirst() {
    DiscoveryRound round = new DiscoveryRound(4, 3, 500);
    round.accepted(answer("s3"), 3);
    round.accepted(answer("ok"), 0);
    round.accepted(answer("s1"), 1);
    round.accepted(answer("s1b"), 1);
    assertThat(round.done()).isTrue();
    assertThat(round.result()).extracting(Discovered::uri).containsExactly("ok", "s1", "s1b");

    DiscoveryRound enough = new DiscoveryRound(3, 1, 500);
    enough.accepted(answer("s"), 2);
    enough.accepted(answer("ok"), 0);
    assertThat(enough.result()).extracting(Discovered::uri).containsExactly("ok");
  }

  @Test
  void nothingToAskIsDoneAtOnce() {
    DiscoveryRound round = new DiscoveryRound(0, 8, 500);
    assertThat(round.done()).isTrue();
    assertThat(round.result()).isEmpty();
  }
}
