package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;

/**
 * An account's bond. {@code bondedAmount} and {@code fees} are as of its last claim; the pending
 * values include everything earned through the current round (what a claim would give).
 */
public record DelegatorInfo(
    EthAddress address,
    DelegatorStatus status,
    EthAddress delegate,
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
