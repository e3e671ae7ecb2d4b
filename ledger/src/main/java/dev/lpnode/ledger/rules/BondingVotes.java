package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.ledger.rules.EarningsMath.Factors;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Livepeer's BondingVotes: checkpoints of each account's bonding state by the round they take
 * effect, and the voting power they give at a past round. A transcoder votes with its total stake;
 * a delegator with its stake including rewards, and only if its delegate is a transcoder at that
 * round (the fix for delegators reducing a non-transcoder's tally).
 */
final class BondingVotes {
  private final LedgerState state;
  private final RoundsManager rounds;
  private final BondingManager bonding;

  record BondingState(BigInteger amount, EthAddress delegate) {}

  BondingVotes(LedgerState state, RoundsManager rounds, BondingManager bonding) {
    this.state = state;
    this.rounds = rounds;
    this.bonding = bonding;
  }

  /** Records the account's current state as effective from the next round. */
  void checkpointBondingState(EthAddress account) {
    Delegator d = bonding.delegator(account);
    Checkpoint c = state.get(Checkpoint.KIND, Checkpoint.id(account, rounds.currentRound() + 1));
    c.bondedAmount = d.bondedAmount;
    c.delegateAddress = d.delegateAddress;
    c.delegatedAmount = d.delegatedAmount;
    c.lastClaimRound = d.lastClaimRound;
    c.lastRewardRound = bonding.transcoder(account).lastRewardRound;
    c.present = true;
  }

  private Checkpoint checkpointAt(EthAddress account, long round) {
    Optional<String> id = state.lastId(Checkpoint.KIND, account.toHex() + "/", Checkpoint.id(account, round + 1));
    return id.map(i -> state.get(Checkpoint.KIND, i)).orElseGet(Checkpoint::new);
  }

  BondingState bondingStateAt(EthAddress account, long round) {
    require(round <= rounds.currentRound() + 1, "FutureLookup");
    Checkpoint bond = checkpointAt(account, round);
    BigInteger amount;
    if (bond.bondedAmount.signum() == 0) {
      amount = BigInteger.ZERO;
    } else if (bond.delegateAddress.equals(account)) {
      amount = bond.delegatedAmount;
    } else if (isTranscoderAt(bond.delegateAddress, round)) {
      amount = delegatorCumulativeStakeAt(bond, round);
    } else {
      amount = BigInteger.ZERO;
    }
    return new BondingState(amount, bond.delegateAddress);
  }

  private boolean isTranscoderAt(EthAddress account, long round) {
    Checkpoint c = checkpointAt(account, round);
    return c.delegateAddress.equals(account) && c.bondedAmount.signum() > 0;
  }

  private BigInteger delegatorCumulativeStakeAt(Checkpoint bond, long round) {
    Factors start = Factors.of(bonding.earningsPool(bond.delegateAddress, bond.lastClaimRound));
    long rewardRound = checkpointAt(bond.delegateAddress, round).lastRewardRound;
    if (rewardRound < bond.lastClaimRound) {
      return bond.bondedAmount;
    }
    Factors end = Factors.of(bonding.earningsPool(bond.delegateAddress, rewardRound));
    return EarningsMath.delegatorCumulativeStake(start, end, bond.bondedAmount);
  }

  /** Votes at the end of {@code round}, i.e. the state effective from round + 1. */
  BigInteger pastVotes(EthAddress account, long round) {
    return bondingStateAt(account, round + 1).amount();
  }

  EthAddress delegatedAt(EthAddress account, long round) {
    return bondingStateAt(account, round + 1).delegate();
  }

  BigInteger pastTotalSupply(long round) {
    return totalActiveStakeAt(round + 1);
  }

  /** The total active stake checkpointed when {@code round} (or the next initialized round) began. */
  BigInteger totalActiveStakeAt(long round) {
    require(round <= rounds.currentRound() + 1, "FutureLookup");
    RoundRecord exact = rounds.record(round);
    if (exact.totalActiveStake.signum() > 0) {
      return exact.totalActiveStake;
    }
    Optional<String> first = state.firstId(RoundRecord.KIND, "", Kind.END);
    if (first.isEmpty()) {
      return BigInteger.ZERO;
    }
    Optional<String> next = state.firstId(RoundRecord.KIND, Kind.pad(round), Kind.END);
    if (next.isEmpty()) {
      return bonding.totals().nextRoundTotalActiveStake;
    }
    if (next.equals(first)) {
      return BigInteger.ZERO;
    }
    return state.get(RoundRecord.KIND, next.get()).totalActiveStake;
  }
}
