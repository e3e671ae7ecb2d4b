package dev.lpnode.ledger;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The embedded network's parameters: every {@link NetworkParameter} with a value. Immutable;
 * {@link #with} returns a changed copy. Defaults follow Livepeer's Arbitrum mainnet (LIP-83 round
 * length, LIP-101 treasury cut), with slashing off and α = 0.5.
 */
public final class NetworkParameters {
  private final EnumMap<NetworkParameter, BigInteger> values;

  private NetworkParameters(EnumMap<NetworkParameter, BigInteger> values) {
    this.values = values;
  }

  public static NetworkParameters defaults() {
    EnumMap<NetworkParameter, BigInteger> values = new EnumMap<>(NetworkParameter.class);
    for (NetworkParameter p : NetworkParameter.values()) {
      values.put(p, p.defaultValue());
    }
    return new NetworkParameters(values);
  }

  /** A copy with {@code parameter} set to {@code value}; throws if out of range. */
  public NetworkParameters with(NetworkParameter parameter, BigInteger value) {
    EnumMap<NetworkParameter, BigInteger> copy = new EnumMap<>(values);
    copy.put(parameter, parameter.check(value));
    return new NetworkParameters(copy);
  }

  public NetworkParameters with(NetworkParameter parameter, long value) {
    return with(parameter, BigInteger.valueOf(value));
  }

  public BigInteger get(NetworkParameter parameter) {
    return values.get(parameter);
  }

  public Map<NetworkParameter, BigInteger> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private long number(NetworkParameter parameter) {
    return values.get(parameter).longValueExact();
  }

  public long roundLength() {
    return number(NetworkParameter.ROUND_LENGTH);
  }

  public Duration blockTime() {
    return Duration.ofMillis(number(NetworkParameter.BLOCK_TIME));
  }

  public long roundLockAmount() {
    return number(NetworkParameter.ROUND_LOCK_AMOUNT);
  }

  public long unbondingPeriod() {
    return number(NetworkParameter.UNBONDING_PERIOD);
  }

  public int numActiveTranscoders() {
    return (int) number(NetworkParameter.NUM_ACTIVE_TRANSCODERS);
  }

  public BigInteger inflation() {
    return values.get(NetworkParameter.INFLATION);
  }

  public BigInteger inflationChange() {
    return values.get(NetworkParameter.INFLATION_CHANGE);
  }

  public BigInteger targetBondingRate() {
    return values.get(NetworkParameter.TARGET_BONDING_RATE);
  }

  public BigInteger treasuryRewardCutRate() {
    return values.get(NetworkParameter.TREASURY_REWARD_CUT_RATE);
  }

  public BigInteger treasuryBalanceCeiling() {
    return values.get(NetworkParameter.TREASURY_BALANCE_CEILING);
  }

  public long workAlpha() {
    return number(NetworkParameter.WORK_ALPHA);
  }

  public WorkMetric workMetric() {
    return WorkMetric.values()[(int) number(NetworkParameter.WORK_METRIC)];
  }

  public long slashAmount() {
    return number(NetworkParameter.SLASH_AMOUNT);
  }

  public boolean slashingEnabled() {
    return slashAmount() > 0;
  }

  public long finderFee() {
    return number(NetworkParameter.FINDER_FEE);
  }

  public long votingDelay() {
    return number(NetworkParameter.VOTING_DELAY);
  }

  public long votingPeriod() {
    return number(NetworkParameter.VOTING_PERIOD);
  }

  public BigInteger proposalThreshold() {
    return values.get(NetworkParameter.PROPOSAL_THRESHOLD);
  }

  public long quorum() {
    return number(NetworkParameter.QUORUM);
  }

  public long quota() {
    return number(NetworkParameter.QUOTA);
  }

  public int routingWindow() {
    return (int) number(NetworkParameter.ROUTING_WINDOW);
  }

  public BigInteger faucetRequestAmount() {
    return values.get(NetworkParameter.FAUCET_REQUEST_AMOUNT);
  }

  public Duration faucetRequestWait() {
    return Duration.ofHours(number(NetworkParameter.FAUCET_REQUEST_WAIT));
  }

  /** The stakes of tiers 1, 2 and 3 ({@link StakeTiers}). */
  public List<BigInteger> tierStakes() {
    return List.of(values.get(NetworkParameter.TIER_1_STAKE), values.get(NetworkParameter.TIER_2_STAKE),
        values.get(NetworkParameter.TIER_3_STAKE));
  }

  public long priorityReserve() {
    return number(NetworkParameter.PRIORITY_RESERVE);
  }

  public int maxRenditions() {
    return (int) number(NetworkParameter.MAX_RENDITIONS);
  }

  /** {@code key=value} pairs separated by {@code ;}, as stored in the ledger. */
  public String encode() {
    StringJoiner joiner = new StringJoiner(";");
    values.forEach((p, v) -> joiner.add(p.key() + "=" + v));
    return joiner.toString();
  }

  /** Reads {@link #encode()}'s form; parameters missing from it keep their defaults. */
  public static NetworkParameters decode(String encoded) {
    NetworkParameters result = defaults();
    if (encoded.isEmpty()) {
      return result;
    }
    for (String pair : encoded.split(";")) {
      int eq = pair.indexOf('=');
      result = result.with(NetworkParameter.byKey(pair.substring(0, eq)), new BigInteger(pair.substring(eq + 1)));
    }
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkParameters other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}
