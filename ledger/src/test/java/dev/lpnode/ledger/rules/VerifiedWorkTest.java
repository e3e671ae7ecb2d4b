package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.WorkTotals;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedWorkTest {
  private final EthAddress o1 = account(1);
  private final EthAddress o2 = account(2);
  private final EthAddress gateway = account(9);

  private static SegmentRecord verified(EthAddress o, String session, long seq, long pixels, long transcodeMillis) {
    return SegmentRecord.verified(o, session, account(9), seq, BigInteger.valueOf(pixels), Duration.ofSeconds(2),
        Duration.ofMillis(transcodeMillis), BigInteger.valueOf(50));
  }

  private TestNet network(long stake1, long stake2) {
    TestNet net = new TestNet(TestNet.simple().with(NetworkParameter.ROUTING_WINDOW, 2));
    net.ledger.mintLpt(o1, lpt(stake1));
    net.ledger.mintLpt(o2, lpt(stake2));
    net.ledger.bond(o1, lpt(stake1), o1);
    net.ledger.registerTranscoder(o1, 0, 0);
    net.ledger.bond(o2, lpt(stake2), o2);
    net.ledger.registerTranscoder(o2, 0, 0);
    net.nextRound();
    return net;
  }

  @Test
  void segmentsAddUpPerRoundAndCountOnce() {
    TestNet net = network(1000, 1000);
    assertThat(net.ledger.recordSegment(verified(o1, "abc", 1, 100, 500))).isTrue();
    assertThat(net.ledger.recordSegment(verified(o1, "abc", 2, 200, 700))).isTrue();
    assertThat(net.ledger.recordSegment(verified(o1, "abc", 2, 200, 700))).isFalse();
    assertThat(net.ledger.recordSegment(SegmentRecord.failed(o1, "abc", gateway, 3))).isTrue();
    // The same segment failing and then passing on a retry counts both ways.
    assertThat(net.ledger.recordSegment(verified(o1, "abc", 3, 300, 600))).isTrue();
    WorkTotals w = net.ledger.workTotals(o1, net.round());
    assertThat(w).isEqualTo(new WorkTotals(3, 1, BigInteger.valueOf(600), 6000, 1800, BigInteger.valueOf(150), BigInteger.ZERO));

    // A retry just after the round changed is still recognised.
    net.nextRound();
    assertThat(net.ledger.recordSegment(verified(o1, "abc", 1, 100, 500))).isFalse();
    assertThat(net.ledger.workTotals(o1, net.round())).isEqualTo(WorkTotals.NONE);
  }

  @Test
  void oldDeduplicationEntriesArePruned() {
    TestNet net = network(1000, 1000);
    for (int i = 0; i < 50; i++) {
      net.ledger.recordSegment(verified(o1, "s", i, 1, 1));
    }
    int withMarkers = net.store.size();
    net.advanceRounds(2);
    assertThat(net.store.size()).isLessThanOrEqualTo(withMarkers - 50 + 10);
    // Totals stay: they are what issuance and routing read.
    assertThat(net.ledger.workTotals(o1, net.round() - 2).verifiedSegments()).isEqualTo(50);
  }

  @Test
  void badRecordsAreRefusedClearly() {
    assertThatThrownBy(() -> verified(o1, "", 1, 1, 1)).hasMessageContaining("session id");
    assertThatThrownBy(() -> verified(o1, "s", -1, 1, 1)).hasMessageContaining("sequence number");
    assertThatThrownBy(() -> verified(o1, "s", 1, -5, 1)).hasMessageContaining("must not be negative");
  }

  @Test
  void routingWeightIsStakeShareTimesSuccessRateTimesLatencyScore() {
    TestNet net = network(3000, 1000);
    for (int i = 0; i < 4; i++) {
      net.ledger.recordSegment(verified(o1, "a", i, 1000, 1000));
      net.ledger.recordSegment(verified(o2, "b", i, 1000, 500));
    }
    net.ledger.recordSegment(SegmentRecord.failed(o1, "a", gateway, 10));
    net.ledger.recordSegment(SegmentRecord.failed(o1, "a", gateway, 11));
    net.ledger.recordSegment(SegmentRecord.failed(o1, "a", gateway, 12));
    net.ledger.recordSegment(SegmentRecord.failed(o1, "a", gateway, 13));

    List<RoutingWeight> weights = net.ledger.routingWeights();
    RoutingWeight w1 = weights.stream().filter(w -> w.orchestrator().equals(o1)).findFirst().orElseThrow();
    RoutingWeight w2 = weights.stream().filter(w -> w.orchestrator().equals(o2)).findFirst().orElseThrow();
    assertThat(w1.stakeShare()).isEqualTo(0.75);
    assertThat(w1.successRate()).isEqualTo(0.5);
    assertThat(w1.latencyScore()).isCloseTo(1 - Math.exp(-2.0), within(1e-12));
    assertThat(w2.latencyScore()).isCloseTo(1 - Math.exp(-4.0), within(1e-12));
    double raw1 = 0.75 * 0.5 * (1 - Math.exp(-2.0));
    double raw2 = 0.25 * 1.0 * (1 - Math.exp(-4.0));
    assertThat(w1.weight()).isCloseTo(raw1 / (raw1 + raw2), within(1e-12));
    assertThat(w1.weight() + w2.weight()).isCloseTo(1.0, within(1e-12));

    // The window is two rounds: after two more rounds without work, only stake counts again.
    net.advanceRounds(2);
    RoutingWeight later = net.ledger.routingWeights().stream().filter(w -> w.orchestrator().equals(o1)).findFirst().orElseThrow();
    assertThat(later.performanceScore()).isEqualTo(1.0);
    assertThat(later.weight()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void anOrchestratorFailingEverythingGetsNoWork() {
    TestNet net = network(1000, 1000);
    net.ledger.recordSegment(SegmentRecord.failed(o1, "a", gateway, 1));
    net.ledger.recordSegment(verified(o2, "b", 1, 1000, 100));
    List<RoutingWeight> weights = net.ledger.routingWeights();
    assertThat(weights).filteredOn(w -> w.orchestrator().equals(o1)).singleElement().extracting(RoutingWeight::weight).isEqualTo(0.0);
    assertThat(weights).filteredOn(w -> w.orchestrator().equals(o2)).singleElement().extracting(RoutingWeight::weight).isEqualTo(1.0);
  }
}
