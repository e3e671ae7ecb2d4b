package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.DelegatorInfo;
import dev.lpnode.ledger.FaultEvidence;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random protocol activity over a few accounts: every kind of ledger operation, with amounts that
 * leave odd wei so rounding is exercised. Shared by the conservation properties and the process
 * that is killed mid-round.
 */
public final class Workload {
  public static final int ACCOUNTS = 6;
  /** Slash evidence proves itself: the ledger side of slashing is under test, not fault proofs. */
  public static final FaultVerifier PROVING = evidence -> Optional.empty();

  public enum Kind { BOND, UNBOND, REBOND, REBOND_FROM_UNBONDED, WITHDRAW_STAKE, TRANSFER_BOND, REGISTER, REWARD, FEES, CLAIM, WITHDRAW_FEES, SLASH, WORK, FAILED_WORK, MINT, NEXT_ROUND }

  public record Action(Kind kind, int actor, int other, int amount) {
    public static Action random(Random random) {
      Kind[] kinds = Kind.values();
      return new Action(kinds[random.nextInt(kinds.length)], random.nextInt(ACCOUNTS), random.nextInt(ACCOUNTS), 1 + random.nextInt(5000));
    }
  }

  /** What a committed action changed in the supplies; all zero for a reverted one. */
  public record Outcome(boolean committed, BigInteger lptCreated, BigInteger lptBurned, BigInteger ethIn) {
    static final Outcome REVERTED = new Outcome(false, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    static Outcome ok() {
      return new Outcome(true, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }
  }

  record Evidence(EthAddress offender, String id) implements FaultEvidence {}

  private final StateLedger ledger;
  private final Runnable nextRound;
  private long serial;

  public Workload(StateLedger ledger, Runnable nextRound) {
    this.ledger = ledger;
    this.nextRound = nextRound;
  }

  public static EthAddress account(int i) {
    return EthAddress.ofNumber(0x2000 + i);
  }

  /** Gives every account 10,000 LPT and registers the first three as transcoders. */
  public BigInteger setUp() {
    BigInteger each = TestNet.lpt(10_000);
    for (int i = 0; i < ACCOUNTS; i++) {
      ledger.mintLpt(account(i), each);
    }
    for (int i = 0; i < 3; i++) {
      ledger.bond(account(i), TestNet.lpt(1000 * (i + 1)), account(i));
      ledger.registerTranscoder(account(i), 100_000L * (i + 2), 250_000L * (i + 1));
    }
    return each.multiply(BigInteger.valueOf(ACCOUNTS));
  }

  private static BigInteger wei(int amount, int scale) {
    return BigInteger.valueOf(amount).multiply(BigInteger.TEN.pow(scale)).add(BigInteger.valueOf(amount % 7));
  }

  public Outcome apply(Action a) {
    try {
      return perform(a);
    } catch (LedgerException reverted) {
      return Outcome.REVERTED;
    }
  }

  private Outcome perform(Action a) {
    EthAddress actor = account(a.actor());
    EthAddress other = account(a.other());
    switch (a.kind()) {
      case BOND -> ledger.bond(actor, wei(a.amount(), 16), other);
      case UNBOND -> ledger.unbond(actor, fraction(ledger.delegator(actor).pendingStake(), a.amount()));
      case REBOND -> ledger.rebond(actor, lock(actor, a.other()));
      case REBOND_FROM_UNBONDED -> ledger.rebondFromUnbonded(actor, other, lock(actor, a.other()));
      case WITHDRAW_STAKE -> ledger.withdrawStake(actor, lock(actor, a.other()));
      case TRANSFER_BOND -> ledger.transferBond(actor, other, fraction(ledger.delegator(actor).pendingStake(), a.amount()));
      case REGISTER -> ledger.registerTranscoder(actor, (a.amount() * 211L) % 1_000_001, (a.other() * 170_003L) % 1_000_001);
      case REWARD -> {
        RewardResult r = ledger.reward(actor);
        return new Outcome(true, r.minted(), BigInteger.ZERO, BigInteger.ZERO);
      }
      case FEES -> {
        BigInteger fees = wei(a.amount(), 13);
        ledger.updateTranscoderWithFees(actor, fees, ledger.round().round());
        return new Outcome(true, BigInteger.ZERO, BigInteger.ZERO, fees);
      }
      case CLAIM -> ledger.claimEarnings(actor);
      case WITHDRAW_FEES -> ledger.withdrawFees(actor, other, fraction(ledger.delegator(actor).pendingFees(), a.amount()));
      case SLASH -> {
        BigInteger burned = ledger.slash(other, new Evidence(actor, "fault-" + serial++)).burned();
        return new Outcome(true, BigInteger.ZERO, burned, BigInteger.ZERO);
      }
      case WORK -> ledger.recordSegment(SegmentRecord.verified(actor, "session-" + a.other(), other, serial++,
          BigInteger.valueOf(a.amount() * 1000L), Duration.ofMillis(2000), Duration.ofMillis(a.amount() % 3000), wei(a.amount(), 9)));
      case FAILED_WORK -> ledger.recordSegment(SegmentRecord.failed(actor, "session-" + a.other(), other, serial++));
      case MINT -> {
        BigInteger amount = wei(a.amount(), 17);
        ledger.mintLpt(actor, amount);
        return new Outcome(true, amount, BigInteger.ZERO, BigInteger.ZERO);
      }
      case NEXT_ROUND -> {
        nextRound.run();
        // What initializing the round minted: the unearned issuance, to the treasury.
        return new Outcome(true, ledger.issuance().mintedTokens(), BigInteger.ZERO, BigInteger.ZERO);
      }
    }
    return Outcome.ok();
  }

  /** amount/4000 of {@code whole}, all of it from 4000 up, and at least 1 wei. */
  private static BigInteger fraction(BigInteger whole, int amount) {
    return whole.multiply(BigInteger.valueOf(Math.min(amount, 4000))).divide(BigInteger.valueOf(4000)).max(BigInteger.ONE);
  }

  private long lock(EthAddress account, int pick) {
    List<DelegatorInfo.UnbondingLockInfo> locks = ledger.delegator(account).unbondingLocks();
    return locks.isEmpty() ? pick : locks.get(pick % locks.size()).id();
  }
}
