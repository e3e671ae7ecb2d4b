package dev.lpnode.payments.redemption;

import static dev.lpnode.payments.testing.PaymentsFixture.PRICE;
import static dev.lpnode.payments.testing.PaymentsFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.TicketParams;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Winning tickets from the receive path through the durable queue to the embedded broker. */
class RedemptionQueueTest {
  private static final BigInteger EV = RecipientConfig.DEFAULT_TICKET_EV;

  @TempDir
  Path dir;
  PaymentsFixture f;
  RedemptionQueue queue;
  TicketParams params;
  final AtomicInteger failures = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    // Face value = EV: every ticket wins. Gas at 1000 wei makes a redemption cost 1.2e9 < 8e9.
    f = new PaymentsFixture(dir, new RecipientConfig(PaymentsFixture.ORCHESTRATOR.address(), EV, EV, RecipientConfig.REDEEM_GAS_ARBITRUM));
    f.chain.setGasPrice(BigInteger.valueOf(1000));
    queue = new RedemptionQueue(f.store, f.chainView, f.senders, RecipientConfig.REDEEM_GAS_ARBITRUM, failures::incrementAndGet);
    params = f.recipient.ticketParams(f.gateway(), Rational.of(PRICE.getPricePerUnit()));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void win(long... nonces) {
    assertThat(f.recipient.receivePayment(payment(params, PRICE, nonces), "s").winningTickets()).isEqualTo(nonces.length);
  }

  private List<StoredTicket> in(RedemptionState state) {
    return f.store.inState(state);
  }

  @Test
  void ticketsAreRedeemedOnlyOnceTheirParamsExpired() {
    win(1, 2);
    assertThat(queue.onNewL1Block(params.expirationBlock() - 1)).isEqualTo(new RedemptionQueue.Pass(0, 0, 0, 2));
    assertThat(queue.onNewL1Block(params.expirationBlock())).isEqualTo(new RedemptionQueue.Pass(2, 0, 0, 0));
    assertThat(in(RedemptionState.REDEEMED)).extracting(StoredTicket::amountPaid).containsExactly(EV, EV);
    assertThat(f.broker.feesPaid(PaymentsFixture.ORCHESTRATOR.address(), PaymentsFixture.ROUND)).isEqualTo(EV.multiply(BigInteger.TWO));
    assertThat(f.broker.senderInfo(f.gateway()).deposit()).isEqualTo(PaymentsFixture.ETH.subtract(EV.multiply(BigInteger.TWO)));
    assertThat(failures).hasValue(0);
  }

  @Test
  void aTicketAlreadyUsedFailsForGood() throws Exception {
    win(1);
    StoredTicket t = in(RedemptionState.QUEUED).get(0);
    f.broker.redeemWinningTicket(t.winner().ticket(), t.winner().signature(), t.winner().recipientRand());
    queue.onNewL1Block(params.expirationBlock());
    assertThat(in(RedemptionState.FAILED)).extracting(StoredTicket::note).containsExactly("ticket already used");
    assertThat(failures).hasValue(1);
  }

  @Test
  void gasCostingMoreThanTheTicketOrTheSendersFundsIsRetriedLater() {
    win(1);
    f.chain.setGasPrice(BigInteger.valueOf(10_000)); // 1.2e10 > face value 8e9
    assertThat(queue.onNewL1Block(params.expirationBlock()).retried()).isEqualTo(1);
    assertThat(in(RedemptionState.QUEUED)).extracting(StoredTicket::note)
        .containsExactly("insufficient ticket face value for redeem tx cost");

    f.chain.setGasPrice(BigInteger.valueOf(1000));
    assertThat(queue.onNewL1Block(params.expirationBlock() + 1).redeemed()).isEqualTo(1);
  }

  @Test
  void aSenderWithoutFundsIsRetriedLater() throws Exception {
    win(1);
    f.broker.unlock(f.gateway());
    f.chain.initializeRound(PaymentsFixture.ROUND + 2, PaymentsFixture.ROUND_HASH);
    f.broker.withdraw(f.gateway());
    assertThat(queue.onNewL1Block(params.expirationBlock()).retried()).isEqualTo(1);
    assertThat(in(RedemptionState.QUEUED)).extracting(StoredTicket::note).containsExactly("insufficient sender funds for redeem tx cost");
    assertThat(failures).hasValue(0);
  }

  @Test
  void aRefusalByTheBrokerFailsWithItsReason() {
    win(1);
    // Two rounds later the ticket (round 100) is past the broker's validity period of 2 rounds,
    // though not yet old enough for the queue to drop it unasked.
    f.chain.initializeRound(PaymentsFixture.ROUND + 2, PaymentsFixture.ROUND_HASH);
    assertThat(queue.onNewL1Block(params.expirationBlock()).failed()).isEqualTo(1);
    assertThat(in(RedemptionState.FAILED)).extracting(StoredTicket::note).containsExactly("ticket is expired");
    assertThat(f.broker.senderInfo(f.gateway()).deposit()).isEqualTo(PaymentsFixture.ETH);
    assertThat(failures).hasValue(1);
  }

  @Test
  void ticketsFromRoundsTooOldFailAndInactiveRecipientsWait() {
    win(1);
    f.chain.deactivate(PaymentsFixture.ORCHESTRATOR.address());
    assertThat(queue.onNewL1Block(params.expirationBlock()).waiting()).isEqualTo(1);
    f.chain.initializeRound(PaymentsFixture.ROUND + 3, PaymentsFixture.ROUND_HASH);
    assertThat(queue.onNewL1Block(params.expirationBlock()).failed()).isEqualTo(1);
    assertThat(in(RedemptionState.FAILED)).extracting(StoredTicket::note).containsExactly("ticket is expired");
    assertThat(failures).hasValue(1);
  }

  @Test
  void recoverySettlesTicketsLeftSubmittedByACrash() throws Exception {
    win(1, 2);
    List<StoredTicket> queued = in(RedemptionState.QUEUED);
    StoredTicket landed = queued.get(0);
    StoredTicket lost = queued.get(1);
    f.store.markSubmitted(landed.id());
    f.store.markSubmitted(lost.id());
    // The first redemption reached the broker before the crash, the second did not.
    f.broker.redeemWinningTicket(landed.winner().ticket(), landed.winner().signature(), landed.winner().recipientRand());

    RedemptionQueue restarted = new RedemptionQueue(f.store, f.chainView, f.senders, RecipientConfig.REDEEM_GAS_ARBITRUM, failures::incrementAndGet);
    restarted.recover();
    assertThat(in(RedemptionState.REDEEMED)).extracting(StoredTicket::id).containsExactly(landed.id());
    assertThat(in(RedemptionState.QUEUED)).extracting(StoredTicket::id, StoredTicket::note)
        .containsExactly(tuple(lost.id(), "interrupted before the redemption completed"));
    assertThat(restarted.onNewL1Block(params.expirationBlock()).redeemed()).isEqualTo(1);
  }
}
