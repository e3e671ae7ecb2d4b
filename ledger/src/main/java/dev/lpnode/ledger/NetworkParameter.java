package dev.lpnode.ledger;

import java.math.BigInteger;

/**
 * One parameter of the embedded network: its name (also the suggested command-line flag), unit,
 * default, bounds, and whether governance may change it. Values are integers in the unit shown,
 * using Livepeer's bases (ppm = 1e6, ppb = 1e9, precise = 1e27).
 */
public enum NetworkParameter {
  ROUND_LENGTH("roundLength", "blocks", 6377, 1, Long.MAX_VALUE, false),
  BLOCK_TIME("blockTime", "milliseconds", 12_000, 1, Long.MAX_VALUE, false),
  ROUND_LOCK_AMOUNT("roundLockAmount", "ppm of the round", 100_000, 0, 1_000_000, false),
  UNBONDING_PERIOD("unbondingPeriod", "rounds", 7, 0, 1_000_000, true),
  /** The active set size; like Livepeer's {@code setNumActiveTranscoders}, it can only grow. */
  NUM_ACTIVE_TRANSCODERS("numActiveTranscoders", "transcoders", 100, 1, 10_000, true),
  /** The starting inflation; the controller moves it every round. */
  INFLATION("inflation", "ppb per round", 218_500, 0, Long.MAX_VALUE, false),
  INFLATION_CHANGE("inflationChange", "ppb per round", 500, 0, 1_000_000_000, true),
  TARGET_BONDING_RATE("targetBondingRate", "ppb", 500_000_000, 0, 1_000_000_000, true),
  TREASURY_REWARD_CUT_RATE("treasuryRewardCutRate", "1e27 = 100%", new BigInteger("100000000000000000000000000"), BigInteger.ZERO, PercMath.PRECISE.divisor(), true),
  TREASURY_BALANCE_CEILING("treasuryBalanceCeiling", "LPT wei", new BigInteger("750000000000000000000000"), BigInteger.ZERO, null, true),
  /** α in the issuance share {@code (stake/S)^(1−α)·(work/W)^α}; 0 is Livepeer's pro-rata issuance. */
  WORK_ALPHA("workAlpha", "ppm", 500_000, 0, 1_000_000, true),
  /** What counts as verified work for issuance: 0 = pixels, 1 = fees redeemed. */
  WORK_METRIC("workMetric", "0 = pixels, 1 = fees", 0, 0, 1, false),
  /** Share of an orchestrator's own bond slashed for a proven failed verification; 0 turns slashing off. */
  SLASH_AMOUNT("slashAmount", "ppm of own bond", 0, 0, 1_000_000, true),
  FINDER_FEE("finderFee", "ppm of the penalty", 50_000, 0, 1_000_000, true),
  VOTING_DELAY("votingDelay", "rounds", 1, 0, 1_000_000, false),
  VOTING_PERIOD("votingPeriod", "rounds", 10, 1, 1_000_000, false),
  PROPOSAL_THRESHOLD("proposalThreshold", "LPT wei", new BigInteger("100000000000000000000"), BigInteger.ZERO, null, false),
  QUORUM("quorum", "ppm of active stake", 333_300, 0, 1_000_000, false),
  QUOTA("quota", "ppm of for+against", 500_000, 0, 1_000_000, false),
  /** How many recent rounds of verified work the routing weight's performance score looks at. */
  ROUTING_WINDOW("routingWindow", "rounds", 2, 1, 1_000, false),
  /** LPT the development faucet gives per request (as Livepeer's LivepeerTokenFaucet); 0 turns the faucet off. */
  FAUCET_REQUEST_AMOUNT("faucetRequestAmount", "LPT wei", new BigInteger("10000000000000000000"), BigInteger.ZERO, null, true),
  /** How long an account waits between faucet requests, in the faucet's unit. */
  FAUCET_REQUEST_WAIT("faucetRequestWait", "hours", 1, 0, 1_000_000, true),
  /** The stake an account needs for stake tier 1 ({@link StakeTiers}); what each tier unlocks is fixed, the stakes are governed. */
  TIER_1_STAKE("tier1Stake", "LPT wei", new BigInteger("100000000000000000000"), BigInteger.ZERO, null, true),
  TIER_2_STAKE("tier2Stake", "LPT wei", new BigInteger("1000000000000000000000"), BigInteger.ZERO, null, true),
  TIER_3_STAKE("tier3Stake", "LPT wei", new BigInteger("10000000000000000000000"), BigInteger.ZERO, null, true),
  /** Share of an orchestrator's session cap that only gateways of stake tier 1 or more may start sessions in; 0 turns priority off. */
  PRIORITY_RESERVE("priorityReserve", "ppm of the session cap", 0, 0, 1_000_000, true),
  /**
   * Renditions a segment's ladder may have when its gateway is below stake tier 2 (tier 2 may use the
   * engine's {@value StakeTiers#ENGINE_RENDITIONS}); the default, that cap, leaves every gateway as before.
   */
  MAX_RENDITIONS("maxRenditions", "renditions per segment", StakeTiers.ENGINE_RENDITIONS, 1, StakeTiers.ENGINE_RENDITIONS, true);

  private final String key;
  private final String unit;
  private final BigInteger defaultValue;
  private final BigInteger min;
  private final BigInteger max;
  private final boolean governed;

  NetworkParameter(String key, String unit, long defaultValue, long min, long max, boolean governed) {
    this(key, unit, BigInteger.valueOf(defaultValue), BigInteger.valueOf(min), BigInteger.valueOf(max), governed);
  }

  NetworkParameter(String key, String unit, BigInteger defaultValue, BigInteger min, BigInteger max, boolean governed) {
    this.key = key;
    this.unit = unit;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.governed = governed;
  }

  /** The parameter's name, e.g. {@code roundLength}; the suggested flag is {@code -roundLength}. */
  public String key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  public BigInteger defaultValue() {
    return defaultValue;
  }

  /** Whether a passed governance proposal may change it. */
  public boolean governed() {
    return governed;
  }

  /** Throws {@link IllegalArgumentException} with a clear message unless {@code value} is in range. */
  public BigInteger check(BigInteger value) {
    if (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0)) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + (max == null ? "any amount" : max) + " (" + unit + "), got " + value);
    }
    return value;
  }

  public static NetworkParameter byKey(String key) {
    for (NetworkParameter p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown network parameter: " + key);
  }
}
