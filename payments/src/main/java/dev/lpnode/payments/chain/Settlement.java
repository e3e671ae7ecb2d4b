package dev.lpnode.payments.chain;

import java.math.BigInteger;

/**
 * Where a redemption transaction sent by an earlier attempt (or an earlier process) stands.
 *
 * @param amountPaid for {@link Outcome#PAID}, what the recipient got (null if unknown)
 * @param reason     for {@link Outcome#REVERTED}, the revert reason
 */
public record Settlement(Outcome outcome, BigInteger amountPaid, String reason) {
  public enum Outcome {
    /** Mined and paid. */
    PAID,
    /** Mined and reverted: its gas is spent, the ticket is not paid by it. */
    REVERTED,
    /** Known to the chain's node but not mined yet. */
    PENDING,
    /** Never reached the chain (or was dropped): only {@link TicketBroker#isUsedTicket} can tell. */
    UNKNOWN
  }

  public static final Settlement UNKNOWN = new Settlement(Outcome.UNKNOWN, null, null);
  public static final Settlement PENDING = new Settlement(Outcome.PENDING, null, null);
}
