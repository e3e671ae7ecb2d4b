package dev.lpnode.payments.recipient;

import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a recipient knows about each sender's funds (protocol.md §5.8): whether its deposit is about
 * to unlock, how much of its reserve is this recipient's to claim, and the face value of this
 * recipient's tickets from it that are being redeemed right now ("pending").
 *
 * <p>maxFloat = reserveAlloc, or reserveAlloc − pending when the deposit is below 3 × pending, with
 * reserveAlloc = (reserve + claimedThisRound) / poolSize − claimedByMe. The deposit is not part of
 * it. Thread-safe.
 */
public final class SenderMonitor {
  private static final BigInteger MIN_DEPOSIT_PENDING_RATIO = BigInteger.valueOf(3);

  private final EthAddress claimant;
  private final Chain chain;
  private final Map<EthAddress, BigInteger> pending = new HashMap<>();

  /** @param claimant the recipient whose share of reserves this monitors */
  public SenderMonitor(EthAddress claimant, Chain chain) {
    this.claimant = Objects.requireNonNull(claimant, "claimant");
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /** The largest face value this recipient should accept from {@code sender} now. */
  public BigInteger maxFloat(EthAddress sender) {
    BigInteger alloc = reserveAlloc(sender);
    BigInteger pendingAmount = pendingAmount(sender);
    BigInteger deposit = chain.broker().senderInfo(sender).deposit();
    // go-livepeer ignores pending redemptions once the deposit covers them three times over.
    if (pendingAmount.signum() > 0 && deposit.compareTo(pendingAmount.multiply(MIN_DEPOSIT_PENDING_RATIO)) >= 0) {
      return alloc;
    }
    return alloc.subtract(pendingAmount);
  }

  /** This recipient's share of {@code sender}'s reserve this round, less what it claimed already. */
  public BigInteger reserveAlloc(EthAddress sender) {
    long poolSize = chain.transcoders().transcoderPoolSize();
    if (poolSize == 0) {
      return BigInteger.ZERO;
    }
    SenderInfo info = chain.broker().senderInfo(sender);
    BigInteger reserve = info.reserveFundsRemaining().add(info.reserveClaimedInCurrentRound());
    return reserve.divide(BigInteger.valueOf(poolSize)).subtract(chain.broker().claimedReserve(sender, claimant));
  }

  /** What could pay a redemption now: reserveAlloc + deposit − pending. */
  public BigInteger availableFunds(EthAddress sender) {
    return reserveAlloc(sender).add(chain.broker().senderInfo(sender).deposit()).subtract(pendingAmount(sender));
  }

  /**
   * Refuses a sender whose unlock ends by the round after next: its funds may be gone before a
   * winning ticket could be redeemed. The error is fatal for the payment.
   */
  public void validateSender(EthAddress sender) throws PaymentException {
    SenderInfo info;
    try {
      info = chain.broker().senderInfo(sender);
    } catch (ChainUnavailableException e) {
      throw new PaymentException("could not get sender info for " + sender + ": " + e.getMessage());
    }
    long maxWithdrawRound = chain.rounds().lastInitializedRound() + 1;
    if (info.withdrawRound() != 0 && info.withdrawRound() <= maxWithdrawRound) {
      throw new PaymentException("deposit and reserve for sender " + sender + " is set to unlock soon");
    }
  }

  /** Face value of this recipient's tickets from {@code sender} that are being redeemed. */
  public synchronized BigInteger pendingAmount(EthAddress sender) {
    return pending.getOrDefault(sender, BigInteger.ZERO);
  }

  /** A redemption of {@code faceValue} from {@code sender} starts. */
  public synchronized void addPending(EthAddress sender, BigInteger faceValue) {
    pending.merge(sender, faceValue, BigInteger::add);
  }

  /** A redemption started with {@link #addPending} ended, paid or not. */
  public synchronized void removePending(EthAddress sender, BigInteger faceValue) {
    BigInteger left = pendingAmount(sender).subtract(faceValue);
    if (left.signum() <= 0) {
      pending.remove(sender);
    } else {
      pending.put(sender, left);
    }
  }
}
