package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.rules.Workload;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded ledger survives SIGKILL at any point: a child JVM works the ledger flat out with
 * 100 ms rounds and is killed at a random moment, several times over on the same file. After each
 * kill the ledger opens, every invariant holds, every write the child acknowledged is there, and
 * the ledger keeps working.
 */
class KillTest {
  @TempDir
  Path dir;

  @Test
  void survivesSigkillMidRound() throws Exception {
    Path file = dir.resolve("ledger.sqlite3");
    Random random = new Random();
    long acknowledged = 0;
    long lastRound = 0;
    for (int cycle = 0; cycle < 4; cycle++) {
      String session = "cycle-" + cycle;
      List<String> acks = ChildProcess.runAndKill(LedgerChild.class, List.of(file.toString(), session), dir.resolve(session + ".log"),
          2 + random.nextInt(5), random.nextInt(40));
      acknowledged += Long.parseLong(acks.get(acks.size() - 1));
      try (EmbeddedLedger ledger = EmbeddedLedger.open(file, LedgerChild.PARAMS, Clock.systemUTC(), Workload.PROVING)) {
        assertThat(ledger.audit()).as("invariants after kill %d", cycle).isEmpty();
        RoundInfo round = ledger.round();
        assertThat(round.round()).isGreaterThan(lastRound);
        lastRound = round.round();
        long markers = 0;
        for (long r = 0; r <= round.round(); r++) {
          markers += ledger.workTotals(LedgerChild.MARKER, r).verifiedSegments();
        }
        assertThat(markers).as("acknowledged writes are durable").isGreaterThanOrEqualTo(acknowledged);
        ledger.mintLpt(Workload.account(0), BigInteger.ONE);
      }
    }
  }
}
