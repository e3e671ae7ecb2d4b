package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;
import static dev.lpnode.ledger.PercMath.PPM;
import static dev.lpnode.ledger.PercMath.PRECISE;
import static java.math.BigInteger.ZERO;

import dev.lpnode.ledger.DelegatorStatus;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.SlashResult;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.rules.EarningsMath.Factors;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Livepeer's BondingManager (LIP-36 earnings, treasury cut, BondingVotes checkpoints taken by
 * {@link Protocol} on commit), with one change of substance: {@link #reward} mints the
 * work-weighted share of {@link WorkWeight} instead of the pure stake share. Method and field
 * names follow the contract so the two can be read side by side; rounding is the contract's.
 */
final class BondingManager {
  private final LedgerState state;
  private final RoundsManager rounds;
  private final Minter minter;
  private final Balances balances;
  private final VerifiedWork work;
  private final Supplier<NetworkParameters> params;

  BondingManager(LedgerState state, RoundsManager rounds, Minter minter, Balances balances, VerifiedWork work, Supplier<NetworkParameters> params) {
    this.state = state;
    this.rounds = rounds;
    this.minter = minter;
    this.balances = balances;
    this.work = work;
    this.params = params;
  }

  // ---- storage

  Delegator delegator(EthAddress a) {
    return state.get(Delegator.KIND, a.toHex());
  }

  Transcoder transcoder(EthAddress a) {
    return state.get(Transcoder.KIND, a.toHex());
  }

  EarningsPool earningsPool(EthAddress a, long round) {
    return state.get(EarningsPool.KIND, EarningsPool.id(a, round));
  }

  UnbondingLock unbondingLock(EthAddress a, long id) {
    return state.get(UnbondingLock.KIND, UnbondingLock.id(a, id));
  }

  BondingTotals totals() {
    return state.get(BondingTotals.KIND, "");
  }

  TranscoderPool pool() {
    return state.get(TranscoderPool.KIND, "");
  }

  // ---- views

  DelegatorStatus delegatorStatus(EthAddress a) {
    Delegator d = delegator(a);
    if (d.bondedAmount.signum() == 0) {
      return DelegatorStatus.UNBONDED;
    }
    return d.startRound > rounds.currentRound() ? DelegatorStatus.PENDING : DelegatorStatus.BONDED;
  }

  boolean isActiveTranscoder(EthAddress a) {
    Transcoder t = transcoder(a);
    long round = rounds.currentRound();
    return t.activationRound <= round && round < t.deactivationRound;
  }

  boolean isRegisteredTranscoder(EthAddress a) {
    Delegator d = delegator(a);
    return d.delegateAddress.equals(a) && d.bondedAmount.signum() > 0;
  }

  BigInteger transcoderTotalStake(EthAddress a) {
    return delegator(a).delegatedAmount;
  }

  /** A transcoder's stake snapshot for the current round, as {@code reward()} would use it. */
  BigInteger currentRoundStake(EthAddress a) {
    Transcoder t = transcoder(a);
    long round = rounds.currentRound();
    long source = t.lastActiveStakeUpdateRound < round ? t.lastActiveStakeUpdateRound : round;
    return earningsPool(a, source).totalStake;
  }

  /** Bonded stake and fees including everything earned through the current round. */
  BigInteger[] pendingStakeAndFees(EthAddress a) {
    Delegator del = delegator(a);
    Transcoder t = transcoder(del.delegateAddress);
    long endRound = rounds.currentRound();
    BigInteger stake = del.bondedAmount;
    BigInteger fees = del.fees;
    if (del.lastClaimRound + 1 <= endRound) {
      Factors start = cumulativeFactors(del.delegateAddress, del.lastClaimRound);
      Factors end = latestCumulativeFactors(del.delegateAddress, endRound);
      stake = EarningsMath.delegatorCumulativeStake(start, end, del.bondedAmount);
      fees = EarningsMath.delegatorCumulativeFees(start, end, del.bondedAmount, del.fees);
    }
    if (a.equals(del.delegateAddress)) {
      stake = stake.add(t.cumulativeRewards);
      fees = fees.add(t.cumulativeFees);
    }
    return new BigInteger[] {stake, fees};
  }

  // ---- transcoder registration

  void transcoder(EthAddress caller, long rewardCut, long feeShare) {
    rounds.requireInitialized();
    require(!rounds.currentRoundLocked(params.get().roundLockAmount()), "can't update transcoder params, current round is locked");
    require(PPM.valid(rewardCut), "invalid rewardCut percentage");
    require(PPM.valid(feeShare), "invalid feeShare percentage");
    require(isRegisteredTranscoder(caller), "transcoder must be registered");
    Transcoder t = transcoder(caller);
    long currentRound = rounds.currentRound();
    require(!isActiveTranscoder(caller) || t.lastRewardRound == currentRound,
        "caller can't be active or must have already called reward for the current round");
    t.rewardCut = rewardCut;
    t.feeShare = feeShare;
    if (!pool().contains(caller)) {
      tryToJoinActiveSet(caller, delegator(caller).delegatedAmount, currentRound + 1);
    }
  }

  // ---- bonding

  void bond(EthAddress owner, BigInteger amount, EthAddress to) {
    rounds.requireInitialized();
    require(amount.signum() >= 0, "amount must not be negative");
    require(!to.isZero(), "cannot bond to the null address");
    autoClaimEarnings(owner);
    Delegator del = delegator(owner);
    long currentRound = rounds.currentRound();
    BigInteger delegationAmount = amount;
    EthAddress currentDelegate = del.delegateAddress;
    BigInteger currentBondedAmount = del.bondedAmount;

    ensurePendingDeactivationTranscoderCalledReward(to);

    if (delegatorStatus(owner) == DelegatorStatus.UNBONDED) {
      del.startRound = currentRound + 1;
    } else if (currentBondedAmount.signum() > 0 && !currentDelegate.equals(to)) {
      require(!isRegisteredTranscoder(owner), "registered transcoders can't delegate towards other addresses");
      del.startRound = currentRound + 1;
      delegationAmount = delegationAmount.add(currentBondedAmount);
      decreaseTotalStake(currentDelegate, currentBondedAmount);
    }

    ensureInitializedCumulativeFactorsPool(to, currentRound);
    require(delegationAmount.signum() > 0, "delegation amount must be greater than 0");
    del.delegateAddress = to;
    del.bondedAmount = currentBondedAmount.add(amount);
    increaseTotalStake(to, delegationAmount);
    if (amount.signum() > 0) {
      balances.transferLpt(owner, SystemAccounts.MINTER, amount);
    }
  }

  /** Unbonds {@code amount}; returns the id of the new unbonding lock. */
  long unbond(EthAddress caller, BigInteger amount) {
    rounds.requireInitialized();
    autoClaimEarnings(caller);
    require(delegatorStatus(caller) == DelegatorStatus.BONDED, "caller must be bonded");
    Delegator del = delegator(caller);
    require(amount.signum() > 0, "unbond amount must be greater than 0");
    require(amount.compareTo(del.bondedAmount) <= 0, "amount is greater than bonded amount");

    EthAddress currentDelegate = del.delegateAddress;
    long withdrawRound = rounds.currentRound() + params.get().unbondingPeriod();
    long lockId = del.nextUnbondingLockId;
    UnbondingLock lock = unbondingLock(caller, lockId);
    lock.amount = amount;
    lock.withdrawRound = withdrawRound;
    del.nextUnbondingLockId = lockId + 1;
    del.bondedAmount = del.bondedAmount.subtract(amount);

    if (del.bondedAmount.signum() == 0) {
      del.delegateAddress = EthAddress.ZERO;
      del.startRound = 0;
      if (pool().contains(caller)) {
        resignTranscoder(caller);
      }
    }
    decreaseTotalStake(currentDelegate, amount);
    return lockId;
  }

  void rebond(EthAddress caller, long lockId) {
    rounds.requireInitialized();
    autoClaimEarnings(caller);
    require(delegatorStatus(caller) != DelegatorStatus.UNBONDED, "caller must be bonded");
    processRebond(caller, lockId);
  }

  void rebondFromUnbonded(EthAddress caller, EthAddress to, long lockId) {
    rounds.requireInitialized();
    require(!to.isZero(), "cannot bond to the null address");
    autoClaimEarnings(caller);
    require(delegatorStatus(caller) == DelegatorStatus.UNBONDED, "caller must be unbonded");
    long currentRound = rounds.currentRound();
    ensureInitializedCumulativeFactorsPool(to, currentRound);
    Delegator del = delegator(caller);
    del.startRound = currentRound + 1;
    del.delegateAddress = to;
    processRebond(caller, lockId);
  }

  private void processRebond(EthAddress delegatorAddress, long lockId) {
    Delegator del = delegator(delegatorAddress);
    UnbondingLock lock = unbondingLock(delegatorAddress, lockId);
    require(lock.isValid(), "invalid unbonding lock ID");
    BigInteger amount = lock.amount;
    del.bondedAmount = del.bondedAmount.add(amount);
    lock.clear();
    EthAddress delegate = del.delegateAddress;
    ensurePendingDeactivationTranscoderCalledReward(delegate);
    increaseTotalStake(delegate, amount);
  }

  BigInteger withdrawStake(EthAddress caller, long lockId) {
    rounds.requireInitialized();
    UnbondingLock lock = unbondingLock(caller, lockId);
    require(lock.isValid(), "invalid unbonding lock ID");
    require(lock.withdrawRound <= rounds.currentRound(), "withdraw round must be before or equal to the current round");
    BigInteger amount = lock.amount;
    lock.clear();
    balances.transferLpt(SystemAccounts.MINTER, caller, amount);
    return amount;
  }

  void withdrawFees(EthAddress caller, EthAddress recipient, BigInteger amount) {
    rounds.requireInitialized();
    autoClaimEarnings(caller);
    require(!recipient.isZero(), "invalid recipient");
    require(amount.signum() >= 0, "amount must not be negative");
    Delegator del = delegator(caller);
    require(del.fees.compareTo(amount) >= 0, "insufficient fees to withdraw");
    del.fees = del.fees.subtract(amount);
    balances.transferEth(SystemAccounts.MINTER, recipient, amount);
  }

  /** Moves {@code amount} of the caller's bond to {@code receiver}, delegated as described in Livepeer. */
  void transferBond(EthAddress caller, EthAddress receiver, BigInteger amount) {
    rounds.requireInitialized();
    authorizeClaimEarnings(receiver, caller);
    autoClaimEarnings(caller);
    Delegator oldDel = delegator(caller);
    Delegator newDel = delegator(receiver);
    EthAddress oldDelDelegate = oldDel.delegateAddress;

    long oldLockId = unbond(caller, amount);
    UnbondingLock oldLock = unbondingLock(caller, oldLockId);
    long withdrawRound = oldLock.withdrawRound;
    oldLock.clear();

    long newLockId = newDel.nextUnbondingLockId;
    UnbondingLock newLock = unbondingLock(receiver, newLockId);
    newLock.amount = amount;
    newLock.withdrawRound = withdrawRound;
    newDel.nextUnbondingLockId = newLockId + 1;

    long currentRound = rounds.currentRound();
    if (newDel.lastClaimRound < currentRound) {
      updateDelegatorWithEarnings(receiver, currentRound, newDel.lastClaimRound);
    }
    if (newDel.delegateAddress.isZero() && newDel.bondedAmount.signum() == 0) {
      require(!oldDelDelegate.equals(receiver), "INVALID_DELEGATOR");
      require(!receiver.isZero(), "INVALID_DELEGATOR");
      newDel.delegateAddress = oldDelDelegate;
    }
    if (delegatorStatus(receiver) == DelegatorStatus.UNBONDED) {
      newDel.startRound = currentRound + 1;
    }
    processRebond(receiver, newLockId);
  }

  // ---- earnings

  void claimEarnings(EthAddress caller) {
    rounds.requireInitialized();
    autoClaimEarnings(caller);
  }

  /**
   * Mints the transcoder's share of the round's issuance ({@link #issuanceShare}) and splits it with
   * LIP-36 factors; at α = 0 this is Livepeer's {@code createReward(stake, totalActiveStake)} exactly.
   */
  RewardResult reward(EthAddress t) {
    rounds.requireInitialized();
    long currentRound = rounds.currentRound();
    require(isActiveTranscoder(t), "transcoder must be active");
    Transcoder tr = transcoder(t);
    require(tr.lastRewardRound != currentRound, "caller has already called reward for the current round");

    EarningsPool earningsPool = earningsPool(t, currentRound);
    earningsPool.setCommission(tr.rewardCut, tr.feeShare);
    if (tr.lastActiveStakeUpdateRound < currentRound) {
      earningsPool.totalStake = earningsPool(t, tr.lastActiveStakeUpdateRound).totalStake;
    }

    BondingTotals totals = totals();
    NetworkParameters p = params.get();
    if (p.treasuryBalanceCeiling().signum() > 0
        && balances.lpt(SystemAccounts.TREASURY).compareTo(p.treasuryBalanceCeiling()) >= 0
        && totals.nextRoundTreasuryRewardCutRate.signum() > 0) {
      totals.nextRoundTreasuryRewardCutRate = ZERO;
    }

    BigInteger share = issuanceShare(t, earningsPool.totalStake);
    BigInteger totalRewardTokens = minter.createReward(share);
    earningsPool.rewardTokens = totalRewardTokens;
    BigInteger treasuryRewards = PRECISE.of(totalRewardTokens, totals.treasuryRewardCutRate);
    if (treasuryRewards.signum() > 0) {
      balances.transferLpt(SystemAccounts.MINTER, SystemAccounts.TREASURY, treasuryRewards);
    }
    BigInteger transcoderRewards = totalRewardTokens.subtract(treasuryRewards);
    updateTranscoderWithRewards(t, transcoderRewards, currentRound);
    tr.lastRewardRound = currentRound;
    return new RewardResult(share, totalRewardTokens, treasuryRewards, transcoderRewards);
  }

  /**
   * The transcoder's share of the current round's issuance in ppb: {@link WorkWeight#points} of its
   * stake in the round's snapshot and of its verified work in the previous round (both fixed at
   * {@code initializeRound}, so the share cannot change within the round).
   */
  private BigInteger issuanceShare(EthAddress t, BigInteger roundStake) {
    long currentRound = rounds.currentRound();
    RoundRecord round = rounds.record(currentRound);
    return WorkWeight.points(roundStake, totals().currentRoundTotalActiveStake,
        work.measure(t, currentRound - 1, params.get().workMetric()), round.totalWork, round.workAlpha);
  }

  /**
   * At round initialization, with work weighting (α &gt; 0) and a treasury cut this round: mints to
   * the treasury the part of the round's mintable tokens that the active set does not earn (Hölder's
   * remainder and the shares' rounding), so that reward calls plus this are exactly the round's
   * mintable tokens. A reward that is not called stays unminted, as in Livepeer; with the cut off
   * (by governance, or by the balance ceiling) the unearned part is not minted either, so the
   * ceiling still bounds what issuance puts in the treasury. At α = 0 nothing changes.
   */
  BigInteger mintUnearnedIssuance() {
    BondingTotals totals = totals();
    if (rounds.record(rounds.currentRound()).workAlpha == 0 || totals.treasuryRewardCutRate.signum() == 0) {
      return ZERO;
    }
    BigInteger earned = ZERO;
    for (TranscoderPool.Member m : pool().members()) {
      earned = earned.add(minter.rewardFor(issuanceShare(m.address(), currentRoundStake(m.address()))));
    }
    return minter.createUnearnedForTreasury(earned);
  }

  /**
   * Credits redeemed ticket fees to an active transcoder's pool for the current round (LIP-36).
   * Like Livepeer's current contract this requires an active transcoder (go-livepeer only redeems
   * for active recipients, and an inactive one may have no stake to share fees over).
   */
  void updateTranscoderWithFees(EthAddress transcoderAddress, BigInteger fees) {
    rounds.requireInitialized();
    require(fees.signum() >= 0, "fees must not be negative");
    require(isActiveTranscoder(transcoderAddress), "transcoder must be active");
    long currentRound = rounds.currentRound();
    Transcoder t = transcoder(transcoderAddress);
    long lastRewardRound = t.lastRewardRound;
    BigInteger activeCumulativeRewards = t.activeCumulativeRewards;

    EarningsPool earningsPool = earningsPool(transcoderAddress, currentRound);
    Factors prev = latestCumulativeFactors(transcoderAddress, currentRound - 1);

    if (currentRound > lastRewardRound) {
      earningsPool.setCommission(t.rewardCut, t.feeShare);
      if (t.lastActiveStakeUpdateRound < currentRound) {
        earningsPool.totalStake = earningsPool(transcoderAddress, t.lastActiveStakeUpdateRound).totalStake;
      }
      activeCumulativeRewards = t.cumulativeRewards;
    }

    BigInteger totalStake = earningsPool.totalStake;
    if (prev.rewardFactor().signum() == 0 && lastRewardRound == currentRound) {
      prev = prev.withRewardFactor(previousRewardFactor(earningsPool, totalStake));
    }

    BigInteger delegatorsFees = PPM.of(fees, earningsPool.transcoderFeeShare);
    BigInteger transcoderCommissionFees = fees.subtract(delegatorsFees);
    BigInteger transcoderRewardStakeFees = PRECISE.of(delegatorsFees, activeCumulativeRewards, totalStake);
    t.cumulativeFees = t.cumulativeFees.add(transcoderRewardStakeFees).add(transcoderCommissionFees);
    EarningsMath.updateCumulativeFeeFactor(earningsPool, prev, delegatorsFees);
    t.lastFeeRound = currentRound;

    balances.mintEth(SystemAccounts.MINTER, fees);
    work.addRedeemedFees(transcoderAddress, currentRound, fees);
  }

  /**
   * The reward factor of the previous round, rebuilt when reward() was called this round after a
   * skipped round: CRF_prev = CRF_cur · S/(S + R_del). BondingManager v9 estimates R from
   * {@code currentMintableTokens + currentMintedTokens}, counting the round's minted rewards twice
   * (so part of the delegators' fees is never claimable), and any estimate from mintable tokens is
   * wrong under work weighting; we use the reward this transcoder actually received this round.
   */
  private BigInteger previousRewardFactor(EarningsPool earningsPool, BigInteger totalStake) {
    BigInteger rewards = earningsPool.rewardTokens;
    rewards = rewards.subtract(PRECISE.of(rewards, totals().treasuryRewardCutRate));
    BigInteger delegatorsRewards = rewards.subtract(PPM.of(rewards, earningsPool.transcoderRewardCut));
    return PRECISE.of(earningsPool.cumulativeRewardFactor, totalStake, delegatorsRewards.add(totalStake));
  }

  // ---- slashing

  /**
   * Slashes {@code slashAmount} ppm of the transcoder's own bond (after claiming its earnings),
   * resigns it from the pool, pays {@code finderFee} ppm of the penalty to the finder and burns the
   * rest. Unlike the (disabled) contract, the delegate's total stake is reduced through
   * {@code decreaseTotalStake} also when the bond is still pending, so no stake is left counted
   * that no longer exists.
   */
  SlashResult slashTranscoder(EthAddress t, EthAddress finder, long slashAmount, long finderFee) {
    rounds.requireInitialized();
    autoClaimEarnings(t);
    Delegator del = delegator(t);
    if (del.bondedAmount.signum() == 0) {
      return new SlashResult(t, ZERO, ZERO, ZERO);
    }
    BigInteger penalty = PPM.of(del.bondedAmount, slashAmount);
    if (pool().contains(t)) {
      resignTranscoder(t);
    }
    del.bondedAmount = del.bondedAmount.subtract(penalty);
    if (!del.delegateAddress.isZero()) {
      decreaseTotalStake(del.delegateAddress, penalty);
    }
    BigInteger finderAmount = finder.isZero() ? ZERO : PPM.of(penalty, finderFee);
    if (finderAmount.signum() > 0) {
      balances.transferLpt(SystemAccounts.MINTER, finder, finderAmount);
    }
    BigInteger burned = penalty.subtract(finderAmount);
    balances.burnLpt(SystemAccounts.MINTER, burned);
    return new SlashResult(t, penalty, finderAmount, burned);
  }

  // ---- round initialization

  void setCurrentRoundTotalActiveStake() {
    BondingTotals totals = totals();
    totals.currentRoundTotalActiveStake = totals.nextRoundTotalActiveStake;
    totals.treasuryRewardCutRate = totals.nextRoundTreasuryRewardCutRate;
  }

  // ---- internals

  private Factors cumulativeFactors(EthAddress t, long round) {
    return Factors.of(earningsPool(t, round));
  }

  private Factors latestCumulativeFactors(EthAddress transcoderAddress, long round) {
    Factors pool = cumulativeFactors(transcoderAddress, round);
    Transcoder t = transcoder(transcoderAddress);
    BigInteger crf = pool.rewardFactor();
    BigInteger cff = pool.feeFactor();
    if (crf.signum() == 0 && t.lastRewardRound < round) {
      crf = cumulativeFactors(transcoderAddress, t.lastRewardRound).rewardFactor();
    }
    if (cff.signum() == 0 && t.lastFeeRound < round) {
      cff = cumulativeFactors(transcoderAddress, t.lastFeeRound).feeFactor();
    }
    return new Factors(crf, cff);
  }

  private void ensureInitializedCumulativeFactorsPool(EthAddress transcoderAddress, long round) {
    Transcoder t = transcoder(transcoderAddress);
    EarningsPool pool = earningsPool(transcoderAddress, round);
    if (pool.cumulativeRewardFactor.signum() == 0 && t.lastRewardRound < round) {
      pool.cumulativeRewardFactor = cumulativeFactors(transcoderAddress, t.lastRewardRound).rewardFactor();
    }
    if (pool.cumulativeFeeFactor.signum() == 0 && t.lastFeeRound < round) {
      pool.cumulativeFeeFactor = cumulativeFactors(transcoderAddress, t.lastFeeRound).feeFactor();
    }
  }

  private void autoClaimEarnings(EthAddress a) {
    long currentRound = rounds.currentRound();
    long lastClaimRound = delegator(a).lastClaimRound;
    if (lastClaimRound < currentRound) {
      updateDelegatorWithEarnings(a, currentRound, lastClaimRound);
    }
  }

  private void updateDelegatorWithEarnings(EthAddress a, long endRound, long lastClaimRound) {
    Delegator del = delegator(a);
    BigInteger bonded = del.bondedAmount;
    BigInteger fees = del.fees;
    if (!del.delegateAddress.isZero()) {
      BigInteger[] pending = pendingStakeAndFees(a);
      bonded = pending[0];
      fees = pending[1];
      ensureInitializedCumulativeFactorsPool(del.delegateAddress, endRound);
      if (del.delegateAddress.equals(a)) {
        Transcoder t = transcoder(a);
        t.cumulativeFees = ZERO;
        t.cumulativeRewards = ZERO;
      }
    }
    del.lastClaimRound = endRound;
    del.bondedAmount = bonded;
    del.fees = fees;
  }

  /** A third party may trigger a claim for a delegator of an active transcoder only after it called reward. */
  private void authorizeClaimEarnings(EthAddress owner, EthAddress caller) {
    if (caller.equals(owner) || delegatorStatus(owner) == DelegatorStatus.UNBONDED) {
      return;
    }
    Delegator del = delegator(owner);
    if (!isActiveTranscoder(del.delegateAddress)) {
      return;
    }
    long currentRound = rounds.currentRound();
    require(transcoder(del.delegateAddress).lastRewardRound == currentRound || del.lastClaimRound == currentRound, "ILLEGAL_CLAIM_EARNINGS");
  }

  private void ensurePendingDeactivationTranscoderCalledReward(EthAddress a) {
    Transcoder t = transcoder(a);
    if (isActiveTranscoder(a) && t.deactivationRound != Transcoder.MAX_FUTURE_ROUND) {
      require(t.lastRewardRound == rounds.currentRound(), "transcoder has not yet called reward for the current round");
    }
  }

  private void updateTranscoderWithRewards(EthAddress transcoderAddress, BigInteger rewards, long round) {
    Transcoder t = transcoder(transcoderAddress);
    EarningsPool earningsPool = earningsPool(transcoderAddress, round);
    Factors prev = cumulativeFactors(transcoderAddress, t.lastRewardRound);
    t.activeCumulativeRewards = t.cumulativeRewards;
    BigInteger transcoderCommissionRewards = PPM.of(rewards, earningsPool.transcoderRewardCut);
    BigInteger delegatorsRewards = rewards.subtract(transcoderCommissionRewards);
    BigInteger transcoderRewardStakeRewards = PRECISE.of(delegatorsRewards, t.activeCumulativeRewards, earningsPool.totalStake);
    t.cumulativeRewards = t.cumulativeRewards.add(transcoderRewardStakeRewards).add(transcoderCommissionRewards);
    EarningsMath.updateCumulativeRewardFactor(earningsPool, prev, delegatorsRewards);
    increaseTotalStake(transcoderAddress, rewards);
  }

  private void increaseTotalStake(EthAddress delegate, BigInteger amount) {
    Transcoder t = transcoder(delegate);
    BigInteger currStake = transcoderTotalStake(delegate);
    BigInteger newStake = currStake.add(amount);
    long currRound = rounds.currentRound();
    long nextRound = currRound + 1;
    boolean activeNow = isActiveTranscoder(delegate);
    boolean activeNext = pool().contains(delegate);
    if (activeNext) {
      pool().updateKey(delegate, newStake);
      totals().nextRoundTotalActiveStake = totals().nextRoundTotalActiveStake.add(amount);
    } else if (isRegisteredTranscoder(delegate)) {
      tryToJoinActiveSet(delegate, newStake, nextRound);
    }
    if (activeNow || activeNext) {
      if (t.lastActiveStakeUpdateRound < currRound) {
        earningsPool(delegate, currRound).totalStake = currStake;
      }
      earningsPool(delegate, nextRound).totalStake = newStake;
      t.lastActiveStakeUpdateRound = nextRound;
    }
    delegator(delegate).delegatedAmount = newStake;
  }

  private void decreaseTotalStake(EthAddress delegate, BigInteger amount) {
    Transcoder t = transcoder(delegate);
    BigInteger currStake = transcoderTotalStake(delegate);
    BigInteger newStake = currStake.subtract(amount);
    boolean activeNow = isActiveTranscoder(delegate);
    boolean activeNext = pool().contains(delegate);
    if (activeNext) {
      pool().updateKey(delegate, newStake);
      totals().nextRoundTotalActiveStake = totals().nextRoundTotalActiveStake.subtract(amount);
    }
    if (activeNow || activeNext) {
      long currRound = rounds.currentRound();
      if (t.lastActiveStakeUpdateRound < currRound) {
        earningsPool(delegate, currRound).totalStake = currStake;
      }
      t.lastActiveStakeUpdateRound = currRound + 1;
      earningsPool(delegate, currRound + 1).totalStake = newStake;
    }
    delegator(delegate).delegatedAmount = newStake;
  }

  private void tryToJoinActiveSet(EthAddress a, BigInteger totalStake, long activationRound) {
    TranscoderPool pool = pool();
    BigInteger pendingNextRoundTotalActiveStake = totals().nextRoundTotalActiveStake;
    if (pool.size() >= params.get().numActiveTranscoders()) {
      TranscoderPool.Member last = pool.last().orElseThrow();
      BigInteger lastStake = transcoderTotalStake(last.address());
      if (totalStake.compareTo(lastStake) <= 0) {
        return;
      }
      pool.remove(last.address());
      transcoder(last.address()).deactivationRound = activationRound;
      pendingNextRoundTotalActiveStake = pendingNextRoundTotalActiveStake.subtract(lastStake);
    }
    pool.insert(a, totalStake);
    pendingNextRoundTotalActiveStake = pendingNextRoundTotalActiveStake.add(totalStake);
    Transcoder t = transcoder(a);
    if (isActiveTranscoder(a)) {
      // Rejoining while still active this round (after an eviction or a slash): stay active, with
      // this round's stake snapshot intact. Livepeer would start it again next round, leaving it
      // inactive, and unable to take fees, for the rest of this one.
      long currentRound = rounds.currentRound();
      if (t.lastActiveStakeUpdateRound < currentRound) {
        earningsPool(a, currentRound).totalStake = earningsPool(a, t.lastActiveStakeUpdateRound).totalStake;
      }
    } else {
      t.activationRound = activationRound;
    }
    t.lastActiveStakeUpdateRound = activationRound;
    t.deactivationRound = Transcoder.MAX_FUTURE_ROUND;
    earningsPool(a, activationRound).totalStake = totalStake;
    totals().nextRoundTotalActiveStake = pendingNextRoundTotalActiveStake;
  }

  private void resignTranscoder(EthAddress a) {
    pool().remove(a);
    totals().nextRoundTotalActiveStake = totals().nextRoundTotalActiveStake.subtract(transcoderTotalStake(a));
    transcoder(a).deactivationRound = rounds.currentRound() + 1;
  }
}
