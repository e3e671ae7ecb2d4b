package dev.lpnode.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Stake tiers: what staked LPT unlocks. An account's tier is how many of the governed tier stakes
 * ({@code tier1Stake}, {@code tier2Stake}, {@code tier3Stake}) its stake reaches, 0 to 3; its stake
 * is the larger of its own bond (with what it has earned) and the stake delegated to it (an
 * orchestrator's own and its delegators'). Tier 1 unlocks priority admission for a gateway: the
 * {@code priorityReserve} share of an orchestrator's sessions only such gateways may start. Tier 2
 * unlocks larger ladders: a gateway below it may ask for {@code maxRenditions} renditions per
 * segment, one of tier 2 for the engine's {@value #ENGINE_RENDITIONS}.
 */
public final class StakeTiers {
  public static final int PRIORITY_TIER = 1;
  public static final int LADDER_TIER = 2;
  /** lpms's limit on renditions per segment, which the transcoding engine enforces too. */
  public static final int ENGINE_RENDITIONS = 10;
  private static final long PPM = 1_000_000;

  private StakeTiers() {}

  /** The stake tiers count for {@code account}. */
  public static BigInteger stake(DelegatorInfo account) {
    return account.pendingStake().max(account.delegatedAmount());
  }

  /** How many of the tier stakes {@code stake} reaches; a tier stake of 0 is reached only by a positive stake. */
  public static int tier(BigInteger stake, NetworkParameters params) {
    List<BigInteger> tiers = params.tierStakes();
    int reached = 0;
    for (BigInteger needed : tiers) {
      if (stake.signum() > 0 && stake.compareTo(needed) >= 0) {
        reached++;
      }
    }
    return reached;
  }

  public static boolean hasPriority(BigInteger stake, NetworkParameters params) {
    return tier(stake, params) >= PRIORITY_TIER;
  }

  /** Of a cap of {@code maxSessions}, the sessions held for priority gateways: the reserve's share, rounded up. */
  public static int reservedSessions(int maxSessions, NetworkParameters params) {
    if (maxSessions <= 0 || maxSessions == Integer.MAX_VALUE) {
      return 0;
    }
    return (int) ((maxSessions * params.priorityReserve() + PPM - 1) / PPM);
  }

  /** The most renditions a gateway of {@code tier} may ask for in one segment. */
  public static int maxRenditions(int tier, NetworkParameters params) {
    return tier >= LADDER_TIER ? ENGINE_RENDITIONS : params.maxRenditions();
  }

  /**
   * Why a segment of {@code renditions} renditions from a gateway with {@code stake} is refused, or
   * empty if its tier allows the ladder.
   */
  public static Optional<String> ladderRefusal(int renditions, BigInteger stake, NetworkParameters params) {
    int tier = tier(stake, params);
    int allowed = maxRenditions(tier, params);
    if (renditions <= allowed) {
      return Optional.empty();
    }
    // What staking unlocks is said only where it would help: not to a tier 2 gateway, nor for a ladder no tier allows.
    boolean stakingHelps = allowed < ENGINE_RENDITIONS && renditions <= ENGINE_RENDITIONS;
    String unlock = stakingHelps ? "; stake tier " + LADDER_TIER + " (" + lpt(params.tierStakes().get(LADDER_TIER - 1))
        + " staked) allows " + ENGINE_RENDITIONS : "";
    return Optional.of("ladder of " + renditions + " renditions refused: a gateway of stake tier " + tier + " may ask for "
        + allowed + " per segment" + unlock);
  }

  private static String lpt(BigInteger wei) {
    return new BigDecimal(wei, 18).stripTrailingZeros().toPlainString() + " LPT";
  }
}
