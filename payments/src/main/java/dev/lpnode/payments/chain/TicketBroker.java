package dev.lpnode.payments.chain;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Ticket;
import java.math.BigInteger;

/**
 * The TicketBroker contract as payments use it. {@link EmbeddedTicketBroker} implements it in
 * process; an Ethereum implementation calls the deployed contract. Reads may throw {@link
 * ChainUnavailableException}.
 */
public interface TicketBroker {
  SenderInfo senderInfo(EthAddress sender);

  /** What {@code claimant} already claimed from {@code reserveHolder}'s reserve in the current round. */
  BigInteger claimedReserve(EthAddress reserveHolder, EthAddress claimant);

  /** Rounds a ticket stays redeemable: it is refused once {@code creationRound + ticketValidityPeriod ≤ currentRound}. */
  long ticketValidityPeriod();

  /** True once a ticket with this hash was redeemed. */
  boolean isUsedTicket(Bytes32 ticketHash);

  /**
   * Redeems a winning ticket and returns the amount paid to the recipient, which may be below the
   * face value when the sender's deposit and reserve share run short.
   *
   * @throws TicketRevertedException with the contract's reason when the redemption is refused
   */
  BigInteger redeemWinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand) throws TicketRevertedException;
}
