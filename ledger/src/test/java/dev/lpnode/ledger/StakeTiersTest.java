package dev.lpnode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class StakeTiersTest {
  private static final BigInteger LPT = BigInteger.TEN.pow(18);
  private static final NetworkParameters DEFAULTS = NetworkParameters.defaults();

  private static BigInteger lpt(long n) {
    return LPT.multiply(BigInteger.valueOf(n));
  }

  @Test
  void anAccountsTierIsHowManyTierStakesItReaches() {
    assertThat(StakeTiers.tier(BigInteger.ZERO, DEFAULTS)).isZero();
    assertThat(StakeTiers.tier(lpt(100).subtract(BigInteger.ONE), DEFAULTS)).isZero();
    assertThat(StakeTiers.tier(lpt(100), DEFAULTS)).isEqualTo(1);
    assertThat(StakeTiers.tier(lpt(1_000), DEFAULTS)).isEqualTo(2);
    assertThat(StakeTiers.tier(lpt(10_000), DEFAULTS)).isEqualTo(3);
    assertThat(StakeTiers.hasPriority(lpt(100), DEFAULTS)).isTrue();
    assertThat(StakeTiers.hasPriority(lpt(99), DEFAULTS)).isFalse();
  }

  @Test
  void governedTierStakesMoveTheTiersAndAZeroStakeReachesNone() {
    NetworkParameters params = DEFAULTS.with(NetworkParameter.TIER_1_STAKE, BigInteger.ZERO)
        .with(NetworkParameter.TIER_2_STAKE, lpt(5));
    assertThat(StakeTiers.tier(BigInteger.ZERO, params)).isZero();
    assertThat(StakeTiers.tier(BigInteger.ONE, params)).isEqualTo(1);
    assertThat(StakeTiers.tier(lpt(5), params)).isEqualTo(2);
  }

  @Test
  void anAccountsStakeIsItsOwnBondOrWhatIsDelegatedToItWhicheverIsLarger() {
    EthAddress a = EthAddress.fromHex("0x00000000000000000000000000000000000000aa");
    DelegatorInfo gateway = new DelegatorInfo(a, DelegatorStatus.BONDED, a, lpt(10), lpt(12), BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO, 1, 1, List.of());
    assertThat(StakeTiers.stake(gateway)).isEqualTo(lpt(12));
    DelegatorInfo orchestrator = new DelegatorInfo(a, DelegatorStatus.BONDED, a, lpt(10), lpt(10), BigInteger.ZERO,
        BigInteger.ZERO, lpt(5_000), 1, 1, List.of());
    assertThat(StakeTiers.stake(orchestrator)).isEqualTo(lpt(5_000));
  }

  @Test
  void theReserveIsItsShareOfTheCapRoundedUp() {
    NetworkParameters tenth = DEFAULTS.with(NetworkParameter.PRIORITY_RESERVE, BigInteger.valueOf(100_000));
    assertThat(StakeTiers.reservedSessions(10, DEFAULTS)).as("off by default").isZero();
    assertThat(StakeTiers.reservedSessions(10, tenth)).isEqualTo(1);
    assertThat(StakeTiers.reservedSessions(11, tenth)).isEqualTo(2);
    assertThat(StakeTiers.reservedSessions(3, tenth)).isEqualTo(1);
    assertThat(StakeTiers.reservedSessions(0, tenth)).isZero();
    assertThat(StakeTiers.reservedSessions(Integer.MAX_VALUE, tenth)).as("no cap, nothing to reserve").isZero();
  }

  @Test
  void byDefaultEveryGatewayMayAskForTheEnginesRenditions() {
    assertThat(StakeTiers.maxRenditions(0, DEFAULTS)).isEqualTo(StakeTiers.ENGINE_RENDITIONS);
    assertThat(StakeTiers.ladderRefusal(10, BigInteger.ZERO, DEFAULTS)).isEmpty();
    assertThat(StakeTiers.ladderRefusal(11, lpt(10_000), DEFAULTS)).get().asString()
        .isEqualTo("ladder of 11 renditions refused: a gateway of stake tier 3 may ask for 10 per segment");
    assertThat(StakeTiers.ladderRefusal(11, BigInteger.ZERO, DEFAULTS)).as("no stake lifts the engine's limit").get().asString()
        .isEqualTo("ladder of 11 renditions refused: a gateway of stake tier 0 may ask for 10 per segment");
  }

  @Test
  void aGovernedMaxRenditionsLimitsGatewaysBelowTierTwoAndSaysWhatUnlocksMore() {
    NetworkParameters four = DEFAULTS.with(NetworkParameter.MAX_RENDITIONS, 4);
    assertThat(StakeTiers.maxRenditions(1, four)).isEqualTo(4);
    assertThat(StakeTiers.maxRenditions(2, four)).isEqualTo(10);
    assertThat(StakeTiers.ladderRefusal(4, BigInteger.ZERO, four)).isEmpty();
    assertThat(StakeTiers.ladderRefusal(5, lpt(999), four)).get().asString()
        .isEqualTo("ladder of 5 renditions refused: a gateway of stake tier 1 may ask for 4 per segment; "
            + "stake tier 2 (1000 LPT staked) allows 10");
    assertThat(StakeTiers.ladderRefusal(10, lpt(1_000), four)).isEmpty();
    assertThat(StakeTiers.ladderRefusal(11, BigInteger.ZERO, four)).get().asString()
        .isEqualTo("ladder of 11 renditions refused: a gateway of stake tier 0 may ask for 4 per segment");
  }

  @Test
  void maxRenditionsStaysWithinWhatTheEngineCanDo() {
    assertThatThrownBy(() -> DEFAULTS.with(NetworkParameter.MAX_RENDITIONS, 11)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRenditions must be between 1 and 10");
    assertThatThrownBy(() -> DEFAULTS.with(NetworkParameter.MAX_RENDITIONS, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
