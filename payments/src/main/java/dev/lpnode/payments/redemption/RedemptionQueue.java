package dev.lpnode.payments.redemption;

import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.chain.Settlement;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.ticket.Ticket;
import java.math.BigInteger;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redeems stored winning tickets (protocol.md §5.9). A ticket moves queued → submitted → redeemed
 * or failed, each step written to disk first, so a restart resumes where the process stopped:
 * {@link #recover()} settles tickets caught in {@code submitted} by asking the broker whether they
 * were used.
 *
 * <p>On each new L1 block, every queued ticket whose params have expired ({@code
 * paramsExpirationBlock ≤ block}, so its revealed recipientRand can no longer be replayed) is
 * checked like go-livepeer checks it: not used yet, sender funds and face value above the
 * redemption's gas cost, creation round recent enough, recipient active. Refusals by the broker are
 * final ({@code failed} with the revert reason) unless the broker calls them retryable; an
 * unreachable chain or too little funds leave the ticket queued for a later block. On a chain, the
 * hash of each redemption transaction is on disk before the transaction is sent, and a ticket whose
 * transaction is out but not settled stays {@code submitted} until its receipt settles it. No ticket
 * fails silently: each one given up is logged with its reason and reported to {@code onFailure} (the
 * node's {@code livepeer_ticket_redemption_errors}). Calls block on the database and the chain: run
 * them on a worker thread.
 */
public final class RedemptionQueue {
  private static final Logger LOG = LoggerFactory.getLogger(RedemptionQueue.class);
  /** Tickets whose creation round is older than lastInitializedRound − this can no longer be redeemed. */
  private static final long MAX_CREATION_ROUND_AGE = 2;

  /** What one {@link #onNewL1Block} pass did. */
  public record Pass(int redeemed, int failed, int retried, int waiting) {
  }

  private final WinningTicketStore store;
  private final Chain chain;
  private final SenderMonitor senders;
  private final BigInteger redeemGas;
  private final Runnable onFailure;

  /** {@code onFailure} runs once for every ticket the queue gives up on, after it is marked failed. */
  public RedemptionQueue(WinningTicketStore store, Chain chain, SenderMonitor senders, long redeemGas, Runnable onFailure) {
    this.store = Objects.requireNonNull(store, "store");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.senders = Objects.requireNonNull(senders, "senders");
    this.redeemGas = BigInteger.valueOf(redeemGas);
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /**
   * Settles tickets a previous process left in {@code submitted}; call once at start, before {@link
   * #onNewL1Block}. A ticket whose redemption transaction is known settles by its receipt (or stays
   * submitted while it is pending); one without, or whose transaction never reached the chain, is
   * redeemed if the broker marks it used (the amount paid is then unknown) and queued again if not.
   */
  public synchronized void recover() {
    settleSubmitted();
  }

  private int[] settleSubmitted() {
    int[] settled = new int[2];
    for (StoredTicket t : store.inState(RedemptionState.SUBMITTED)) {
      Ticket ticket = t.winner().ticket();
      Settlement s = t.txHash() == null ? Settlement.UNKNOWN : chain.broker().settle(ticket, t.txHash());
      switch (s.outcome()) {
        case PAID -> {
          store.markRedeemed(t.id(), s.amountPaid());
          LOG.info("redeemed winning ticket sender={} nonce={} in transaction {}", ticket.sender(), ticket.senderNonce(), t.txHash());
          settled[0]++;
        }
        case REVERTED -> {
          fail(t, "transaction failed: " + s.reason());
          settled[1]++;
        }
        case PENDING -> LOG.debug("redemption transaction {} is not mined yet", t.txHash());
        case UNKNOWN -> {
          if (chain.broker().isUsedTicket(ticket.hash())) {
            store.markRedeemed(t.id(), null);
            settled[0]++;
          } else {
            store.requeue(t.id(), "interrupted before the redemption completed");
          }
        }
      }
    }
    return settled;
  }

  /** Tries every queued ticket that is due at {@code latestL1Block}, oldest first. */
  public synchronized Pass onNewL1Block(long latestL1Block) {
    int[] settled;
    try {
      settled = settleSubmitted();
    } catch (ChainUnavailableException e) {
      LOG.warn("cannot settle submitted redemptions yet: {}", e.getMessage());
      return new Pass(0, 0, 0, 0);
    }
    int redeemed = settled[0];
    int failed = settled[1];
    int retried = 0;
    int waiting = 0;
    long oldestRound = chain.rounds().lastInitializedRound() - MAX_CREATION_ROUND_AGE;
    for (StoredTicket t : store.inState(RedemptionState.QUEUED)) {
      Ticket ticket = t.winner().ticket();
      if (ticket.expirationParams().creationRound() < oldestRound) {
        fail(t, "ticket is expired");
        failed++;
      } else if (t.winner().paramsExpirationBlock() > latestL1Block
          || !chain.transcoders().isActiveTranscoder(ticket.recipient())) {
        waiting++;
      } else {
        switch (redeem(t)) {
          case REDEEMED -> redeemed++;
          case FAILED -> failed++;
          default -> retried++;
        }
      }
    }
    return new Pass(redeemed, failed, retried, waiting);
  }

  private RedemptionState redeem(StoredTicket t) {
    WinningTicket w = t.winner();
    Ticket ticket = w.ticket();
    try {
      if (chain.broker().isUsedTicket(ticket.hash())) {
        return fail(t, "ticket already used");
      }
      BigInteger txCost = chain.gasPrice().gasPrice().multiply(redeemGas);
      if (senders.availableFunds(ticket.sender()).compareTo(txCost) <= 0) {
        return retryLater(t, "insufficient sender funds for redeem tx cost");
      }
      if (ticket.faceValue().compareTo(txCost) <= 0) {
        return retryLater(t, "insufficient ticket face value for redeem tx cost");
      }
    } catch (ChainUnavailableException e) {
      return retryLater(t, e.getMessage());
    }

    store.markSubmitted(t.id());
    senders.addPending(ticket.sender(), ticket.faceValue());
    String[] sent = new String[1];
    try {
      BigInteger paid = chain.broker().redeemWinningTicket(ticket, w.signature(), w.recipientRand(), txHash -> {
        store.recordTransaction(t.id(), txHash);
        sent[0] = txHash;
      });
      store.markRedeemed(t.id(), paid);
      LOG.info("redeemed winning ticket sender={} nonce={} faceValue={} paid={}", ticket.sender(), ticket.senderNonce(),
          ticket.faceValue(), paid);
      return RedemptionState.REDEEMED;
    } catch (TicketRevertedException e) {
      if (e.retryable()) {
        store.requeue(t.id(), e.getMessage());
        LOG.info("winning ticket sender={} nonce={} would revert now, retrying on a later block: {}", ticket.sender(),
            ticket.senderNonce(), e.getMessage());
        return RedemptionState.QUEUED;
      }
      return fail(t, e.getMessage());
    } catch (ChainUnavailableException e) {
      if (sent[0] == null) {
        store.requeue(t.id(), e.getMessage());
      } else {
        // A transaction is out: it stays submitted and settles by its receipt on a later block.
        LOG.warn("redemption of sender={} nonce={} in transaction {} not settled yet: {}", ticket.sender(), ticket.senderNonce(),
            sent[0], e.getMessage());
      }
      return RedemptionState.QUEUED;
    } finally {
      senders.removePending(ticket.sender(), ticket.faceValue());
    }
  }

  private RedemptionState fail(StoredTicket t, String reason) {
    store.markFailed(t.id(), reason);
    Ticket ticket = t.winner().ticket();
    LOG.warn("winning ticket not redeemed, its face value {} wei is lost: {} (sender={} nonce={} creationRound={})",
        ticket.faceValue(), reason, ticket.sender(), ticket.senderNonce(), ticket.expirationParams().creationRound());
    onFailure.run();
    return RedemptionState.FAILED;
  }

  private RedemptionState retryLater(StoredTicket t, String reason) {
    if (!reason.equals(t.note())) {
      store.requeue(t.id(), reason);
    }
    return RedemptionState.QUEUED;
  }
}
