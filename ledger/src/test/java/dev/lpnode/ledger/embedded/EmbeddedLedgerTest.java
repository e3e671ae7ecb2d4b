package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.Address;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.RoundInfo;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerTest {
  private static final BigInteger LPT = BigInteger.TEN.pow(18);
  private static final NetworkParameters PARAMS = NetworkParameters.defaults()
      .with(NetworkParameter.ROUND_LENGTH, 10)
      .with(NetworkParameter.BLOCK_TIME, 1000)
      .with(NetworkParameter.WORK_ALPHA, 0);

  private final Address t = Address.ofNumber(0xa1);
  private final Address d = Address.ofNumber(0xa2);
  private final TestClock clock = new TestClock();

  @TempDir
  Path dir;

  private EmbeddedLedger open(NetworkParameters params) {
    return EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), params, clock, FaultVerifier.NONE);
  }

  @Test
  void roundsFollowTheClockAndStoreTheirBlockHash() {
    try (EmbeddedLedger ledger = open(PARAMS)) {
      assertThat(ledger.round().round()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(25));
      ledger.initializeRound();
      RoundInfo round = ledger.round();
      assertThat(round.blockNumber()).isEqualTo(25);
      assertThat(round.round()).isEqualTo(3);
      assertThat(round.roundStartBlock()).isEqualTo(20);
      long genesis = clock.millis() - 25_000;
      assertThat(ledger.blockHashForRound(3)).contains(new ClockBlockSource(clock, genesis, Duration.ofSeconds(1)).blockHash(24));
    }
  }

  @Test
  void stateSurvivesReopeningAndTimeKeepsPassing() {
    try (EmbeddedLedger ledger = open(PARAMS)) {
      ledger.mintLpt(t, LPT.multiply(BigInteger.valueOf(100)));
      ledger.mintLpt(d, LPT.multiply(BigInteger.valueOf(50)));
      ledger.bond(t, LPT.multiply(BigInteger.valueOf(100)), t);
      ledger.registerTranscoder(t, 100_000, 200_000);
      ledger.bond(d, LPT.multiply(BigInteger.valueOf(50)), t);
    }
    clock.advance(Duration.ofSeconds(10));
    try (EmbeddedLedger ledger = open(PARAMS)) {
      assertThat(ledger.round().round()).isEqualTo(2);
      assertThat(ledger.reward(t).minted()).isPositive();
      assertThat(ledger.transcoder(t).active()).isTrue();
      assertThat(ledger.delegator(d).pendingStake()).isGreaterThan(LPT.multiply(BigInteger.valueOf(50)));
      assertThat(ledger.audit()).isEmpty();
    }
  }

  @Test
  void aRevertedOperationLeavesTheDatabaseUnchanged() {
    try (EmbeddedLedger ledger = open(PARAMS)) {
      ledger.mintLpt(d, LPT);
      assertThatThrownBy(() -> ledger.bond(d, LPT.add(BigInteger.ONE), t))
          .isInstanceOf(LedgerException.class)
          .hasMessage("ERC20: transfer amount exceeds balance");
      assertThat(ledger.lptBalance(d)).isEqualTo(LPT);
      assertThat(ledger.delegator(d).bondedAmount()).isZero();
      assertThat(ledger.transcoder(t).totalStake()).isZero();
    }
  }

  @Test
  void theParametersOfAnExistingNetworkStay() {
    try (EmbeddedLedger ledger = open(PARAMS)) {
      ledger.mintLpt(d, LPT);
    }
    try (EmbeddedLedger ledger = open(PARAMS.with(NetworkParameter.ROUND_LENGTH, 99).with(NetworkParameter.UNBONDING_PERIOD, 1))) {
      assertThat(ledger.parameters()).isEqualTo(PARAMS);
      assertThat(ledger.round().roundLength()).isEqualTo(10);
      assertThat(ledger.lptBalance(d)).isEqualTo(LPT);
    }
  }
}
