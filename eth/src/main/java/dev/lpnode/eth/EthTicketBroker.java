package dev.lpnode.eth;

import dev.lpnode.eth.contracts.TicketBroker.WinningTicketTransferEventResponse;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.eth.tx.TransactionRevertedException;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.eth.watch.ProtocolState;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.chain.Settlement;
import dev.lpnode.payments.chain.TicketBroker;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Ticket;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The deployed TicketBroker. Senders' funds and the node's reserve claims come from the cached
 * {@link ProtocolState}; {@code usedTickets} is read from the chain (the redemption path, never a
 * segment's). A redemption is a transaction: its gas estimate turns a refusal into a revert reason
 * without spending anything (retried on later blocks unless it can never change, as go-livepeer
 * does), a mined revert is final ("transaction failed: …"), and the amount paid is the sum of the
 * receipt's {@code WinningTicketTransfer} events.
 */
final class EthTicketBroker implements TicketBroker {
  /** Reasons that will never change for a ticket (protocol.md §5.9). */
  private static final Set<String> FINAL_REASONS = Set.of("ticket is used", "ticket creationRound does not have a block hash");

  private final ProtocolState state;
  private final dev.lpnode.eth.contracts.TicketBroker contract;
  private final Transactions transactions;
  private final EthMetrics metrics;

  EthTicketBroker(ProtocolState state, dev.lpnode.eth.contracts.TicketBroker contract, Transactions transactions, EthMetrics metrics) {
    this.state = state;
    this.contract = contract;
    this.transactions = transactions;
    this.metrics = metrics;
  }

  @Override
  public SenderInfo senderInfo(EthAddress sender) {
    return state.senderInfo(sender);
  }

  @Override
  public BigInteger claimedReserve(EthAddress reserveHolder, EthAddress claimant) {
    if (claimant.equals(state.account())) {
      return state.claimedByAccount(reserveHolder);
    }
    return ChainReader.call(contract.claimedReserve(reserveHolder.toHex(), claimant.toHex()));
  }

  @Override
  public boolean isUsedTicket(Bytes32 ticketHash) {
    return ChainReader.call(contract.usedTickets(ticketHash.toBytes()));
  }

  @Override
  public long ticketValidityPeriod() {
    return state.ticketValidityPeriod();
  }

  @Override
  public BigInteger redeemWinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand) throws TicketRevertedException {
    return redeemWinningTicket(ticket, signature, recipientRand, txHash -> { });
  }

  @Override
  public BigInteger redeemWinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand, Journal journal)
      throws TicketRevertedException {
    String data = contract.redeemWinningTicket(struct(ticket), signature, recipientRand).encodeFunctionCall();
    TransactionReceipt receipt;
    try {
      receipt = transactions.send(contract.getContractAddress(), data, BigInteger.ZERO, journal::sending);
    } catch (TransactionRevertedException e) {
      if (e.mined()) {
        throw new TicketRevertedException("transaction failed: " + e.getMessage());
      }
      throw new TicketRevertedException(e.getMessage(), !FINAL_REASONS.contains(e.getMessage()));
    }
    BigInteger paid = amountPaid(receipt, ticket);
    metrics.redeemed(paid);
    return paid;
  }

  @Override
  public Settlement settle(Ticket ticket, String txHash) {
    Optional<TransactionReceipt> receipt = transactions.receipt(txHash);
    if (receipt.isEmpty()) {
      return transactions.isKnown(txHash) ? Settlement.PENDING : Settlement.UNKNOWN;
    }
    if (!receipt.get().isStatusOK()) {
      return new Settlement(Settlement.Outcome.REVERTED, null, transactions.revertReason(receipt.get()));
    }
    BigInteger paid = amountPaid(receipt.get(), ticket);
    metrics.redeemed(paid);
    return new Settlement(Settlement.Outcome.PAID, paid, null);
  }

  private BigInteger amountPaid(TransactionReceipt receipt, Ticket ticket) {
    BigInteger paid = BigInteger.ZERO;
    for (WinningTicketTransferEventResponse transfer : dev.lpnode.eth.contracts.TicketBroker.getWinningTicketTransferEvents(receipt)) {
      if (transfer.log.getAddress().equalsIgnoreCase(contract.getContractAddress())
          && EthAddress.fromHex(transfer.recipient).equals(ticket.recipient()) && EthAddress.fromHex(transfer.sender).equals(ticket.sender())) {
        paid = paid.add(transfer.amount);
      }
    }
    return paid;
  }

  static dev.lpnode.eth.contracts.TicketBroker.Ticket struct(Ticket t) {
    return new dev.lpnode.eth.contracts.TicketBroker.Ticket(t.recipient().toHex(), t.sender().toHex(), t.faceValue(), t.winProb(),
        BigInteger.valueOf(t.senderNonce()), t.recipientRandHash().toBytes(), t.auxData());
  }
}
