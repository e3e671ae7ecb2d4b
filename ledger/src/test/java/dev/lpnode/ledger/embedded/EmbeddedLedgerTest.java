package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.PercMath;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.testing.TestClock;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerTest {
  private static final BigInteger LPT = BigInteger.TEN.pow(18);
  private static final NetworkParameters PARAMS = NetworkParameters.defaults()
      .with(NetworkParameter.ROUND_LENGTH, 10)
      .with(NetworkParameter.BLOCK_TIME, 1000)
      .with(NetworkParameter.WORK_ALPHA, 0);

  private final EthAddress t = EthAddress.ofNumber(0xa1);
  private final EthAddress d = EthAddress.ofNumber(0xa2);
  private final TestClock clock = new TestClock();

  @TempDir
  Path dir;

  private EmbeddedLedger open(NetworkParameters params) {
    return EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), params, clock, FaultVerifier.NONE);
  }

  @Test
  void roundsFollowTheClockAndStoreTheirBlockHash() {
    long genesisMillis = clock.millis();
    long genesisBlock = genesisMillis / 1000;
    try (EmbeddedLedger ledger = open(PARAMS)) {
      assertThat(ledger.round().round()).isEqualTo(1);
      assertThat(ledger.round().roundStartBlock()).isEqualTo(genesisBlock);
      clock.advance(Duration.ofSeconds(25));
      ledger.initializeRound();
      RoundInfo round = ledger.round();
      assertThat(round.blockNumber()).isEqualTo(genesisBlock + 25);
      assertThat(round.round()).isEqualTo(3);
      assertThat(round.roundStartBlock()).isEqualTo(genesisBlock + 20);
      assertThat(ledger.blockHashForRound(3))
          .contains(new ClockBlockSource(clock, genesisMillis, Duration.ofSeconds(1)).blockHash(genesisBlock + 24));
    }
  }

  @Test
  void blockNumbersCountFromTheEpochSoNetworksOnOneMachineAgree() {
    ClockBlockSource early = new ClockBlockSource(clock, clock.millis(), Duration.ofSeconds(1));
    clock.advance(Duration.ofHours(5));
    ClockBlockSource late = new ClockBlockSource(clock, clock.millis(), Duration.ofSeconds(1));
    assertThat(early.blockNumber()).isEqualTo(late.blockNumber()).isEqualTo(clock.millis() / 1000);
    assertThat(early.blockHash(7)).isNotEqualTo(late.blockHash(7));
  }

  @Test
  void aGenesisAllocationIsActiveFromRoundOneAndRunsOnce() {
    try (EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), PARAMS, clock, FaultVerifier.NONE, genesis -> {
      genesis.mintLpt(t, LPT);
      genesis.bond(t, LPT, t);
      genesis.registerTranscoder(t, 100_000, 500_000);
    })) {
      assertThat(ledger.round().round()).isEqualTo(1);
      assertThat(ledger.transcoder(t).active()).isTrue();
      assertThat(ledger.transcoder(t).activationRound()).isEqualTo(1);
      assertThat(ledger.reward(t).minted()).isPositive();
      assertThat(ledger.audit()).isEmpty();
    }
    try (EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), PARAMS, clock, FaultVerifier.NONE,
        genesis -> genesis.mintLpt(t, LPT))) {
      assertThat(ledger.lptBalance(t)).isZero();
      assertThat(ledger.delegator(t).bondedAmount()).isEqualTo(LPT);
    }
  }

  @Test
  void aFailedGenesisAllocationLeavesNoNetwork() {
    assertThatThrownBy(() -> EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), PARAMS, clock, FaultVerifier.NONE,
        genesis -> genesis.bond(t, LPT, t))).hasMessage("ERC20: transfer amount exceeds balance");
    try (EmbeddedLedger ledger = open(PARAMS.with(NetworkParameter.ROUND_LENGTH, 5))) {
      assertThat(ledger.parameters().roundLength()).isEqualTo(5);
      assertThat(ledger.delegator(t).bondedAmount()).isZero();
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
  void theUnearnedIssuanceGoesToTheTreasuryInTheStoredLedger() {
    EthAddress idle = EthAddress.ofNumber(0xa3);
    NetworkParameters params = PARAMS.with(NetworkParameter.WORK_ALPHA, 500_000);
    BigInteger mintable;
    BigInteger unearned;
    try (EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), params, clock, FaultVerifier.NONE, genesis -> {
      for (EthAddress o : List.of(t, idle)) {
        genesis.mintLpt(o, LPT.multiply(BigInteger.valueOf(1000)));
        genesis.bond(o, LPT.multiply(BigInteger.valueOf(1000)), o);
        genesis.registerTranscoder(o, 100_000, 500_000);
      }
    })) {
      ledger.recordSegment(SegmentRecord.verified(t, "s", d, 0, BigInteger.valueOf(1_000_000), Duration.ofSeconds(2), Duration.ofMillis(500), BigInteger.ONE));
      clock.advance(Duration.ofSeconds(10));
      BigInteger before = ledger.lptBalance(SystemAccounts.TREASURY);
      ledger.initializeRound();
      mintable = ledger.issuance().mintableTokens();
      // All the work on one of two equal stakes: t earns floor(1e9·√(1/2)) ppb, the rest is unearned.
      unearned = mintable.subtract(PercMath.PPB.of(mintable, BigInteger.valueOf(707_106_781)));
      assertThat(ledger.lptBalance(SystemAccounts.TREASURY).subtract(before)).isEqualTo(unearned);
      assertThat(ledger.issuance().mintedTokens()).isEqualTo(unearned);
    }
    try (EmbeddedLedger ledger = open(params)) {
      RewardResult reward = ledger.reward(t);
      assertThat(reward.minted()).isEqualTo(mintable.subtract(unearned));
      assertThat(ledger.reward(idle).minted()).isZero();
      assertThat(ledger.issuance().mintedTokens()).isEqualTo(mintable);
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

  @Test
  void accountsAreStoredAsLowerCaseHex() throws Exception {
    EthAddress mixed = EthAddress.fromHex("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");
    try (EmbeddedLedger ledger = open(PARAMS)) {
      ledger.mintLpt(mixed, LPT);
      ledger.bond(mixed, LPT, mixed);
      ledger.registerTranscoder(mixed, 0, 0);
    }
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.sqlite3"));
         ResultSet rs = c.createStatement().executeQuery("SELECT key || ' ' || value FROM ledger_state")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    assertThat(rows).contains("d/" + mixed.toHex() + " 1000000000000000000,0," + mixed.toHex() + ",1000000000000000000,2,1,0")
        .anyMatch(row -> row.startsWith("g/pool " + mixed.toHex() + ","))
        .noneMatch(row -> row.contains("73AEd7"));
    assertThat(SystemAccounts.MINTER.toHex()).isEqualTo("0x00000000000000000000000000004d696e746572");
  }
}
