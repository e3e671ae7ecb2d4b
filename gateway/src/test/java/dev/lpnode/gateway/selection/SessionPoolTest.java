package dev.lpnode.gateway.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketParams;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** go-livepeer's session pool and MinLS selector, with time and randomness under the test's control. */
class SessionPoolTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long TWO_SECONDS = 2 * SECOND;
  private static final EthAddress A = EthAddress.of(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  private static final EthAddress B = EthAddress.of(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final AtomicInteger swaps = new AtomicInteger();

  static OrchestratorSession session(String uri, EthAddress recipient) {
    return new OrchestratorSession(OrchestratorInfo.newBuilder()
        .setTranscoder(uri)
        .setAddress(ByteString.copyFrom(recipient.toBytes()))
        .setTicketParams(TicketParams.newBuilder().setRecipient(ByteString.copyFrom(recipient.toBytes())))
        .setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(1000).setPixelsPerUnit(1))
        .setAuthToken(AuthToken.newBuilder().setSessionId("abcd1234"))
        .build(), null);
  }

  private SessionPool pool(int poolSize, int numOrchs, StakeWeights stakes, Random random) {
    return new SessionPool(poolSize, numOrchs, new Suspender(), stakes, new ProbabilitySelection(SelectionWeights.DEFAULT),
        random::nextDouble, now::get, swaps::incrementAndGet);
  }

  @Test
  void untriedOrchestratorsAreChosenInProportionToTheirStakeWeight() {
    // The ledger's routing weights (stake × verified-work performance): A weighs three times B.
    StakeWeights routingWeights = address -> Map.of(A, 0.75, B, 0.25).getOrDefault(address, 0.0);
    Random random = new Random(42);
    int streams = 20_000;
    int toA = 0;
    for (int i = 0; i < streams; i++) {
      SessionPool pool = pool(2, 2, routingWeights, random);
      pool.add(List.of(session("https://b:8935", B), session("https://a:8935", A)));
      toA += pool.select(TWO_SECONDS).orElseThrow().transcoder().equals("https://a:8935") ? 1 : 0;
    }
    // 0.7 × 0.75 + 0.3 × 1/2 = 0.675 of the streams start on A.
    assertThat(toA / (double) streams).isCloseTo(0.675, within(0.01));
  }

  @Test
  void aStreamStaysOnAnOrchestratorThatKeepsUpAndLeavesOneThatLags() {
    SessionPool pool = pool(2, 2, StakeWeights.EQUAL, new Random(1));
    OrchestratorSession a = session("https://a:8935", A);
    OrchestratorSession b = session("https://b:8935", B);
    pool.add(List.of(a, b));
    OrchestratorSession first = pool.select(TWO_SECONDS).orElseThrow();
    OrchestratorSession other = first == a ? b : a;
    first.latencyScore(0.9); // its round trip took 0.9 of the segment's duration
    pool.complete(first);
    for (int i = 0; i < 5; i++) {
      now.addAndGet(TWO_SECONDS);
      assertThat(pool.select(TWO_SECONDS)).contains(first);
      pool.complete(first);
    }
    assertThat(swaps).hasValue(0);

    now.addAndGet(TWO_SECONDS);
    assertThat(pool.select(TWO_SECONDS)).contains(first);
    first.latencyScore(1.2); // slower than real time: an untried orchestrator gets the next segment
    pool.complete(first);
    now.addAndGet(TWO_SECONDS);
    assertThat(pool.select(TWO_SECONDS)).contains(other);
    assertThat(swaps).hasValue(1);
    other.latencyScore(1.5);
    pool.complete(other);
    now.addAndGet(TWO_SECONDS);
    assertThat(pool.select(TWO_SECONDS)).as("nothing untried left: the lowest score wins").contains(first);
  }

  @Test
  void theLastSessionTakesTheNextSegmentWhileItsOldestIsOutLessThanADuration() {
    SessionPool pool = pool(2, 2, StakeWeights.EQUAL, new Random(7));
    OrchestratorSession a = session("https://a:8935", A);
    OrchestratorSession b = session("https://b:8935", B);
    pool.add(List.of(a, b));
    OrchestratorSession first = pool.select(TWO_SECONDS).orElseThrow();
    now.addAndGet(SECOND + SECOND / 2);
    assertThat(pool.select(TWO_SECONDS)).as("1.5 s < 2 s: reused with a segment in flight").contains(first);
    now.addAndGet(SECOND);
    OrchestratorSession second = pool.select(TWO_SECONDS).orElseThrow();
    assertThat(second).as("oldest out 2.5 s: the selector's choice").isNotSameAs(first);
    now.addAndGet(3 * SECOND);
    assertThat(pool.select(TWO_SECONDS)).as("selector empty: a session out less than two durations").contains(second);
    now.addAndGet(5 * SECOND);
    assertThat(pool.select(TWO_SECONDS)).as("out too long, but queued at the orchestrator (3 in flight)").contains(second);
    assertThat(pool.select(TWO_SECONDS)).as("4 in flight").contains(second);
    assertThat(pool.select(TWO_SECONDS)).as("the orchestrator's queue is full").isEmpty();
  }

  @Test
  void shortSegmentsAreGivenAtLeastOneAndAHalfSeconds() {
    SessionPool pool = pool(1, 1, StakeWeights.EQUAL, new Random(7));
    OrchestratorSession a = session("https://a:8935", A);
    pool.add(List.of(a));
    assertThat(pool.select(SECOND / 2)).contains(a);
    now.addAndGet(SECOND + SECOND / 4);
    assertThat(pool.select(SECOND / 2)).contains(a);
  }

  @Test
  void aFailedOrchestratorIsSuspendedForCeilOfPoolSizeOverNumOrchsRefreshesAndNotSelectedAgain() {
    SessionPool pool = pool(5, 2, StakeWeights.EQUAL, new Random(3));
    OrchestratorSession a = session("https://a:8935", A);
    pool.add(List.of(a));
    assertThat(pool.select(TWO_SECONDS)).contains(a);
    pool.suspendAndRemove(a);
    assertThat(pool.suspender().suspended("https://a:8935")).isEqualTo(3);
    pool.complete(a); // a late answer from the removed session changes nothing
    now.addAndGet(SECOND);
    assertThat(pool.select(TWO_SECONDS)).isEmpty();
    assertThat(pool.sessions()).isEmpty();

    OrchestratorSession again = session("https://a:8935", A); // found again by a later discovery
    pool.add(List.of(again));
    assertThat(pool.select(TWO_SECONDS)).contains(again);
  }

  @Test
  void refreshesWhenFewerThanHalfTheOrchestratorsAskedForRemainUpToEight() {
    SessionPool small = pool(3, 3, StakeWeights.EQUAL, new Random(3));
    assertThat(small.refreshThreshold()).isEqualTo(2);
    assertThat(small.needsRefresh()).isTrue();
    small.add(List.of(session("https://a:8935", A), session("https://b:8935", B)));
    assertThat(small.needsRefresh()).isFalse();
    small.add(List.of(session("https://a:8935", A)));
    assertThat(small.sessions()).as("an orchestrator already in the pool is not added twice").hasSize(2);
    small.select(TWO_SECONDS);
    assertThat(small.needsRefresh()).as("the session in use is not selectable").isTrue();

    assertThat(pool(40, 40, StakeWeights.EQUAL, new Random(3)).refreshThreshold()).isEqualTo(8);
    SessionPool finished = pool(3, 3, StakeWeights.EQUAL, new Random(3));
    finished.finish();
    assertThat(finished.needsRefresh()).isFalse();
  }
}
