package dev.lpnode.ledger;

import java.math.BigInteger;
import java.util.List;

/**
 * An account's bond. {@code bondedAmount} and {@code fees} are as of its last claim; the pending
 * values include everything earned through the current round (what a claim would give).
 */
public record DelegatorInfo(
    Address address,
    DelegatorStatus status,
    Address delegate,
    BigInteger bondedAmount,
    BigInteger pendingStake,
    BigInteger fees,
    BigInteger pendingFees,
    BigInteger delegatedAmount,
    long startRound,
    long lastClaimRound,
    List<UnbondingLockInfo> unbondingLocks) {

  /** An amount being unbonded, withdrawable from {@code withdrawRound}. */
  public record UnbondingLockInfo(long id, BigInteger amount, long withdrawRound) {}
}
