package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.rules.Workload;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
      acknowledged += runAndKill(file, "cycle-" + cycle, 2 + random.nextInt(5), random.nextInt(40));
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

  /** Runs the child until it acknowledged {@code lines} writes, lets it run a little longer, kills it; returns the acknowledgements read. */
  private long runAndKill(Path file, String session, int lines, int extraMillis) throws Exception {
    Path log = dir.resolve(session + ".log");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LedgerChild.class.getName(), file.toString(), session)
        .redirectError(log.toFile())
        .start();
    try {
      long seen = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        while (seen < lines) {
          String line = out.readLine();
          if (line == null) {
            throw new AssertionError("child ended early: " + String.join("\n", tail(log)));
          }
          if (line.startsWith("acknowledged ")) {
            seen = Long.parseLong(line.substring("acknowledged ".length()));
          }
        }
        Thread.sleep(extraMillis);
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      }
      // Acknowledgements printed after the last one read are not counted: fewer is still a valid check.
      return seen;
    } finally {
      child.destroyForcibly();
    }
  }

  private static List<String> tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return lines.subList(Math.max(0, lines.size() - 30), lines.size());
  }
}
