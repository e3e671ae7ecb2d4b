package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.rules.Workload;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * A process that works the embedded ledger as fast as it can until it is killed: random protocol
 * operations on a network with 100 ms rounds. Every 20 operations it records a marker segment and
 * only then prints {@code acknowledged <n>}, so the parent knows which writes were committed.
 */
public final class LedgerChild {
  static final NetworkParameters PARAMS = NetworkParameters.defaults()
      .with(NetworkParameter.ROUND_LENGTH, 10)
      .with(NetworkParameter.BLOCK_TIME, 10)
      .with(NetworkParameter.NUM_ACTIVE_TRANSCODERS, 3)
      .with(NetworkParameter.UNBONDING_PERIOD, 1)
      .with(NetworkParameter.INFLATION, 5_000_000)
      .with(NetworkParameter.SLASH_AMOUNT, 50_000)
      .with(NetworkParameter.PROPOSAL_THRESHOLD, 0);
  static final EthAddress MARKER = EthAddress.ofNumber(0xfeed);

  private LedgerChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String session = args[1];
    try (EmbeddedLedger ledger = EmbeddedLedger.open(file, PARAMS, Clock.systemUTC(), Workload.PROVING)) {
      Workload workload = new Workload(ledger, () -> sleep(5));
      if (ledger.lptBalance(Workload.account(0)).signum() == 0 && ledger.delegator(Workload.account(0)).bondedAmount().signum() == 0) {
        setUp(ledger);
      }
      Random random = new Random();
      for (long n = 1; ; n++) {
        workload.apply(Workload.Action.random(random));
        if (n % 20 == 0) {
          long seq = n / 20;
          ledger.recordSegment(SegmentRecord.verified(MARKER, session, MARKER, seq, BigInteger.ONE, Duration.ofSeconds(1), Duration.ofMillis(1), BigInteger.ZERO));
          System.out.println("acknowledged " + seq);
          System.out.flush();
        }
      }
    }
  }

  /**
   * Funds the accounts and self-bonds three of them, which makes them transcoders (rates come
   * later from the workload's REGISTER actions: with 100 ms rounds, setting them now could race the
   * lock period).
   */
  private static void setUp(EmbeddedLedger ledger) {
    for (int i = 0; i < Workload.ACCOUNTS; i++) {
      ledger.mintLpt(Workload.account(i), BigInteger.TEN.pow(22));
    }
    for (int i = 0; i < 3; i++) {
      ledger.bond(Workload.account(i), BigInteger.TEN.pow(21).multiply(BigInteger.valueOf(i + 1)), Workload.account(i));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
