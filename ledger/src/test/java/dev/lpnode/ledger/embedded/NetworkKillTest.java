package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded network survives SIGKILL at any point: a child JVM runs the keeper and redeems
 * winning tickets flat out, and is killed at a random moment, several times over on the same data
 * directory. After each kill the network opens, every ledger invariant holds, every redemption the
 * child acknowledged is there, and the fees the broker paid are in the ledger exactly once (the
 * open credits those a kill left between the broker's commit and the ledger's).
 */
class NetworkKillTest {
  @TempDir
  Path dir;

  @Test
  void survivesSigkillWithFeesCreditedExactlyOnce() throws Exception {
    Path data = dir.resolve("data");
    Random random = new Random();
    List<String> acknowledged = new ArrayList<>();
    long lastRound = 0;
    for (int cycle = 0; cycle < 4; cycle++) {
      acknowledged.addAll(ChildProcess.runAndKill(NetworkChild.class, List.of(data.toString()), dir.resolve("cycle-" + cycle + ".log"),
          5 + random.nextInt(20), random.nextInt(60)));
      try (EmbeddedNetwork network = EmbeddedNetwork.open(data, NetworkChild.settings(), Clock.systemUTC(),
          new LedgerMetrics(new SimpleMeterRegistry()))) {
        assertThat(network.ledger().audit()).as("invariants after kill %d", cycle).isEmpty();
        for (String hash : acknowledged) {
          assertThat(network.chain().broker().isUsedTicket(Bytes32.fromHex(hash))).as("acknowledged redemption %s", hash).isTrue();
        }
        EthAddress self = network.account();
        long round = network.chain().rounds().currentRound();
        assertThat(round).isGreaterThan(lastRound);
        lastRound = round;
        BigInteger paid = BigInteger.ZERO;
        for (EmbeddedTicketBroker.FeesPaid p : network.ticketBroker().feesPaidSince(0)) {
          paid = paid.add(p.amount());
        }
        BigInteger credited = BigInteger.ZERO;
        long segments = 0;
        for (long r = 0; r <= round; r++) {
          credited = credited.add(network.ledger().workTotals(self, r).redeemedFees());
          segments += network.ledger().workTotals(self, r).verifiedSegments();
        }
        assertThat(paid).isGreaterThanOrEqualTo(NetworkChild.FACE_VALUE.multiply(BigInteger.valueOf(acknowledged.size())));
        assertThat(credited).as("fees credited exactly once").isEqualTo(paid);
        assertThat(segments).isGreaterThanOrEqualTo(acknowledged.size());
        assertThat(network.ledger().transcoder(self).lastRewardRound()).isPositive();
      }
    }
  }
}
