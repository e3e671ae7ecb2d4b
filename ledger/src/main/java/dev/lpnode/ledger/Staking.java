package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;

/**
 * Bonding, delegation, transcoder registration, rewards and earnings (BondingManager), with
 * Livepeer's semantics and revert strings. The first argument of each operation is the account
 * acting (the transaction sender); amounts are in wei of LPT, rates in ppm.
 */
public interface Staking {
  /** Bonds {@code amount} more to {@code to}; moves the whole bond if {@code to} is a new delegate. */
  void bond(EthAddress delegator, BigInteger amount, EthAddress to);

  /** Starts unbonding {@code amount}; returns the unbonding lock id. */
  long unbond(EthAddress delegator, BigInteger amount);

  /** Bonds an unbonding lock's amount back to the current delegate. */
  void rebond(EthAddress delegator, long unbondingLockId);

  /** Bonds an unbonding lock's amount to {@code to} while unbonded. */
  void rebondFromUnbonded(EthAddress delegator, EthAddress to, long unbondingLockId);

  /** Withdraws an unbonding lock whose unbonding period is over; returns the LPT paid out. */
  BigInteger withdrawStake(EthAddress delegator, long unbondingLockId);

  /** Moves part of {@code from}'s bond to {@code to} (Livepeer's transferBond). */
  void transferBond(EthAddress from, EthAddress to, BigInteger amount);

  /** Livepeer's {@code transcoder(rewardCut, feeShare)}: sets rates and tries to join the active set next round. */
  void registerTranscoder(EthAddress transcoder, long rewardCut, long feeShare);

  /** Mints the transcoder's share of this round's issuance; once per round, while active. */
  RewardResult reward(EthAddress transcoder);

  /** Claims earned stake and fees through the current round. */
  void claimEarnings(EthAddress delegator);

  /** Pays {@code amount} of earned fees (ETH wei) to {@code recipient}. */
  void withdrawFees(EthAddress delegator, EthAddress recipient, BigInteger amount);

  DelegatorInfo delegator(EthAddress account);

  TranscoderInfo transcoder(EthAddress account);

  /** The transcoder pool, largest stake first: the active set from the next round. */
  List<TranscoderInfo> transcoderPool();

  /** The transcoders active in the current round. */
  List<TranscoderInfo> activeTranscoders();

  boolean isActiveTranscoder(EthAddress account);

  boolean isRegisteredTranscoder(EthAddress account);

  /** The transcoder pool's size (what the ticket broker divides reserves by). */
  int transcoderPoolSize();

  IssuanceInfo issuance();

  BigInteger lptBalance(EthAddress account);

  BigInteger ethBalance(EthAddress account);
}
