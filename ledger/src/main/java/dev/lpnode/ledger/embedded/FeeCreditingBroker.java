package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.chain.TicketBroker;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Ticket;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TicketBroker as the embedded network's payments see it: payments' {@link
 * EmbeddedTicketBroker}, whose payouts become fees in the ledger (Livepeer's {@code
 * updateTranscoderWithFees}) exactly once.
 *
 * <p>The broker and the ledger are separate databases, so a payout and its fee credit cannot share
 * a transaction. The fees are pulled instead, idempotently: before a redemption returns, the broker
 * has durably recorded what it paid each orchestrator in each round; the ledger credits what is
 * missing of that total and remembers the total in the same transaction ({@link
 * EmbeddedLedger#creditFeesPaid}). A redemption credits its fees at once; after a crash between
 * the two commits, the next {@link #creditFeesSince} (at start and every round) credits them. A
 * credit the ledger refuses (the orchestrator left the active set meanwhile) is retried then too.
 *
 * <p>A redemption first initializes the round if no one has yet, as a round-initializing node
 * does, so tickets are not refused for "current round is not initialized" at a round's start.
 */
final class FeeCreditingBroker implements TicketBroker {
  private static final Logger LOG = LoggerFactory.getLogger(FeeCreditingBroker.class);
  private static final String ROUND_NOT_INITIALIZED = "current round is not initialized";

  private final EmbeddedTicketBroker broker;
  private final EmbeddedLedger ledger;
  private final LedgerMetrics metrics;

  FeeCreditingBroker(EmbeddedTicketBroker broker, EmbeddedLedger ledger, LedgerMetrics metrics) {
    this.broker = broker;
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public SenderInfo senderInfo(EthAddress sender) {
    return broker.senderInfo(sender);
  }

  @Override
  public BigInteger claimedReserve(EthAddress reserveHolder, EthAddress claimant) {
    return broker.claimedReserve(reserveHolder, claimant);
  }

  @Override
  public long ticketValidityPeriod() {
    return broker.ticketValidityPeriod();
  }

  @Override
  public boolean isUsedTicket(Bytes32 ticketHash) {
    return broker.isUsedTicket(ticketHash);
  }

  @Override
  public BigInteger redeemWinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand) throws TicketRevertedException {
    BigInteger paid = redeemInInitializedRound(ticket, signature, recipientRand);
    metrics.ticketRedeemed(paid);
    if (paid.signum() > 0) {
      // The broker paid in what was then the current round; a round may have started since.
      creditFeesSince(ledger.round().round() - 1);
    }
    return paid;
  }

  /** Redeems, initializing the round first, and once more if a new round began in between. */
  private BigInteger redeemInInitializedRound(Ticket ticket, byte[] signature, BigInteger recipientRand) throws TicketRevertedException {
    ledger.initializeRoundIfNeeded();
    try {
      return broker.redeemWinningTicket(ticket, signature, recipientRand);
    } catch (TicketRevertedException e) {
      if (e.getMessage().equals(ROUND_NOT_INITIALIZED) && ledger.initializeRoundIfNeeded()) {
        return broker.redeemWinningTicket(ticket, signature, recipientRand);
      }
      throw e;
    }
  }

  /** Credits to the ledger whatever the broker paid from {@code fromRound} on that it has not credited yet. */
  void creditFeesSince(long fromRound) {
    for (EmbeddedTicketBroker.FeesPaid paid : broker.feesPaidSince(fromRound)) {
      try {
        BigInteger credited = ledger.creditFeesPaid(paid.orchestrator(), paid.round(), paid.amount());
        if (credited.signum() > 0) {
          LOG.debug("credited {} wei of round {} ticket fees to {}", credited, paid.round(), paid.orchestrator());
        }
      } catch (LedgerException e) {
        LOG.warn("ticket fees of round {} for {} wait to be credited: {}", paid.round(), paid.orchestrator(), e.getMessage());
      }
    }
  }
}
