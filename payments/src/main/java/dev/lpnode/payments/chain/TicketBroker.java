package dev.lpnode.payments.chain;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Ticket;
import java.math.BigInteger;

/**
 * The TicketBroker contract as payments use it. {@link EmbeddedTicketBroker} implements it in
 * process; the Ethereum network's implementation sends transactions to the deployed contract, so
 * its redemptions have transaction hashes: {@link #redeemWinningTicket(Ticket, byte[], BigInteger,
 * Journal)} reports the hash before the transaction leaves the node and {@link #settle} finds out
 * later what became of it. Reads may throw {@link ChainUnavailableException}.
 */
public interface TicketBroker {
  /** Receives a redemption transaction's hash before the transaction is sent; returns once the hash is durable. */
  @FunctionalInterface
  interface Journal {
    void sending(String txHash);
  }

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

  /**
   * {@link #redeemWinningTicket(Ticket, byte[], BigInteger)}, telling {@code journal} the hash of
   * each transaction it sends before sending it. In process there is no transaction.
   *
   * @throws ChainUnavailableException also when a transaction was sent but its outcome is not known
   *     yet: {@link #settle} it later
   */
  default BigInteger redeemWinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand, Journal journal)
      throws TicketRevertedException {
    return redeemWinningTicket(ticket, signature, recipientRand);
  }

  /** What became of the redemption of {@code ticket} sent as {@code txHash}. */
  default Settlement settle(Ticket ticket, String txHash) {
    return Settlement.UNKNOWN;
  }
}
