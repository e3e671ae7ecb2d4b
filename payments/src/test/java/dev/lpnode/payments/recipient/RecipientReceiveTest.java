package dev.lpnode.payments.recipient;

import static dev.lpnode.payments.testing.PaymentsFixture.PRICE;
import static dev.lpnode.payments.testing.PaymentsFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.redemption.RedemptionState;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.payments.ticket.Uint256;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** protocol.md §5.6: the receive path's order, error texts and fatal/non-fatal split. */
class RecipientReceiveTest {
  private static final String SESSION = "f1405ced";

  @TempDir
  Path dir;
  PaymentsFixture f;
  TicketParams params;
  Rational ev;

  @BeforeEach
  void setUp() throws Exception {
    f = new PaymentsFixture(dir);
    params = f.recipient.ticketParams(f.gateway(), Rational.of(PRICE.getPricePerUnit()));
    ev = params.expectedValue();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private PaymentReceipt receive(Payment payment) {
    return f.recipient.receivePayment(payment, SESSION);
  }

  @Test
  void validTicketsAreCreditedAtTheirExactEv() {
    PaymentReceipt r = receive(payment(params, PRICE, 1, 2, 3));
    assertThat(r.accepted()).isTrue();
    assertThat(r.ticketsCredited()).isEqualTo(3);
    assertThat(f.balances.balance(f.gateway(), SESSION)).isEqualTo(ev.multiply(Rational.of(3)));
  }

  @Test
  void aSessionNeedsOneTicketsEvOfCredit() {
    assertThat(f.recipient.sufficientBalance(f.gateway(), SESSION)).isFalse();
    receive(payment(params, PRICE, 1));
    assertThat(f.recipient.sufficientBalance(f.gateway(), SESSION)).isTrue();
    f.balances.debit(f.gateway(), SESSION, Rational.of(1));
    assertThat(f.recipient.sufficientBalance(f.gateway(), SESSION)).isFalse();
    assertThat(f.recipient.sufficientBalance(f.gateway(), "other")).isFalse();
  }

  @Test
  void ticketsForAnotherRecipientAreAFatalError() {
    Payment p = payment(params, PRICE, 1).toBuilder()
        .setTicketParams(params.toProtoWithoutExpirationParams().toBuilder()
            .setRecipient(ByteString.copyFrom(f.gateway().toBytes())))
        .build();
    f.chain.activate(f.gateway());
    assertThat(receive(p).error()).contains(new PaymentError("invalid ticket recipient", true));
    assertThat(f.balances.balance(f.gateway(), SESSION)).isEqualTo(Rational.ZERO);
  }

  @Test
  void zeroSenderIsAFatalError() {
    Payment p = payment(params, PRICE, 1).toBuilder().setSender(ByteString.copyFrom(new byte[20])).build();
    assertThat(receive(p).error()).contains(new PaymentError("invalid ticket sender", true));
  }

  @Test
  void anAlteredPriceOrFaceValueBreaksTheRecipientRandCommitment() {
    PriceInfo cheaper = PRICE.toBuilder().setPricePerUnit(1).build();
    assertThat(receive(payment(params, cheaper, 1)).error())
        .contains(new PaymentError("invalid recipientRand for ticket recipientRandHash", true));

    TicketParams bigger = new TicketParams(params.recipient(), params.faceValue().add(BigInteger.ONE), params.winProb(),
        params.recipientRandHash(), params.seed(), params.expirationBlock(), params.expirationParams());
    assertThat(receive(payment(bigger, PRICE, 1)).error())
        .contains(new PaymentError("invalid recipientRand for ticket recipientRandHash", true));
    assertThat(f.balances.balance(f.gateway(), SESSION)).isEqualTo(Rational.ZERO);
  }

  @Test
  void valuesNoRecipientIssuesFailTheCommitmentInsteadOfCrashing() {
    Payment p = payment(params, PRICE, 1);
    Payment huge = p.toBuilder().setTicketParams(p.getTicketParams().toBuilder()
        .setFaceValue(ByteString.copyFrom(new byte[40]).concat(ByteString.copyFrom(new byte[] {1})))
        .setExpirationBlock(ByteString.copyFrom(Uint256.toBytes32(Uint256.MAX)))).build();
    assertThat(receive(huge).error()).contains(new PaymentError("invalid recipientRand for ticket recipientRandHash", true));
  }

  @Test
  void aBadSignatureIsNonFatalAndStopsCreditFromThere() {
    Payment good = payment(params, PRICE, 1, 2, 3);
    Payment p = good.toBuilder()
        .setTicketSenderParams(1, good.getTicketSenderParams(1).toBuilder().setSig(good.getTicketSenderParams(0).getSig()))
        .build();
    PaymentReceipt r = receive(p);
    assertThat(r.error()).contains(new PaymentError("invalid ticket signature", false));
    assertThat(r.ticketsCredited()).isEqualTo(1);
    assertThat(f.balances.balance(f.gateway(), SESSION)).isEqualTo(ev);
  }

  @Test
  void signaturesByAnotherKeyAreInvalid() {
    SigningKey other = SigningKey.fromHex("0000000000000000000000000000000000000000000000000000000000000abc");
    Payment p = payment(other, params, PRICE, 1).toBuilder().setSender(ByteString.copyFrom(f.gateway().toBytes())).build();
    assertThat(receive(p).error()).contains(new PaymentError("invalid ticket signature", false));
  }

  @Test
  void aReplayedNonceIsRefusedWithGoLivepeersText() {
    assertThat(receive(payment(params, PRICE, 1, 2)).accepted()).isTrue();
    PaymentReceipt replay = receive(payment(params, PRICE, 3, 2));
    assertThat(replay.error()).contains(new PaymentError(
        "invalid ticket senderNonce: already seen sender=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 nonce=2", false));
    assertThat(replay.ticketsCredited()).isEqualTo(1);
  }

  @Test
  void nonceOrderDoesNotMatterButAtMost600AreAccepted() {
    assertThat(receive(payment(params, PRICE, 5, 3, 4)).accepted()).isTrue();
    long[] rest = LongStream.rangeClosed(6, 602).toArray();
    assertThat(receive(payment(params, PRICE, rest)).accepted()).isTrue();
    PaymentReceipt over = receive(payment(params, PRICE, 1000));
    assertThat(over.error()).contains(new PaymentError(
        "invalid ticket senderNonce: too many values sender=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 nonce=1000", false));
  }

  @Test
  void expiredParamsAreNonFatalAndNonceStateIsDroppedAfterExpiry() {
    f.chain.setL1Block(params.expirationBlock());
    assertThat(receive(payment(params, PRICE, 1)).error()).contains(new PaymentError("TicketParams expired", false));
    f.recipient.onNewL1Block(params.expirationBlock());
    // The nonce registry forgot these params: the same nonce reads as expired again, not as a replay.
    assertThat(receive(payment(params, PRICE, 1)).error()).contains(new PaymentError("TicketParams expired", false));
  }

  @Test
  void aSenderAboutToUnlockIsAFatalError() throws TicketRevertedException {
    // Unlocked in round 100: withdrawable from round 102. Refused once 102 ≤ lastInitializedRound + 1.
    f.broker.unlock(f.gateway());
    assertThat(receive(payment(params, PRICE, 1)).accepted()).isTrue();
    f.chain.initializeRound(101, PaymentsFixture.ROUND_HASH);
    assertThat(receive(payment(params, PRICE, 2)).error()).contains(new PaymentError(
        "deposit and reserve for sender 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 is set to unlock soon", true));
  }

  @Test
  void anInactiveOrchestratorCannotProcessPayments() {
    f.chain.deactivate(PaymentsFixture.ORCHESTRATOR.address());
    assertThat(receive(payment(params, PRICE, 1)).error()).contains(new PaymentError(
        "orchestrator 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 is inactive in round 100, cannot process payments", true));
  }

  @Test
  void missingSenderOrPriceAreRefused() {
    Payment p = payment(params, PRICE, 1);
    assertThat(receive(p.toBuilder().clearSender().build()).error().orElseThrow().message())
        .startsWith("Could not find Sender for payment: ");
    assertThat(receive(p.toBuilder().clearExpectedPrice().build()).error().orElseThrow().message())
        .isEqualTo("invalid expected price sent with payment err=expected price is nil");
    assertThat(receive(p.toBuilder().setExpectedPrice(PRICE.toBuilder().setPixelsPerUnit(0)).build()).error().orElseThrow().message())
        .isEqualTo("invalid expected price sent with payment err=pixels per unit is 0");
  }

  @Test
  void aPaymentWithoutTicketsCreditsNothingAndLeavesThePriceOpen() throws Exception {
    Payment empty = Payment.newBuilder().setSender(ByteString.copyFrom(f.gateway().toBytes())).build();
    PaymentReceipt r = receive(empty);
    assertThat(r.accepted()).isTrue();
    assertThat(r.valueCredited()).isEqualTo(Rational.ZERO);
    assertThat(f.balances.fixedPrice(f.gateway(), SESSION)).as("no free session through an empty payment").isEmpty();
    assertThat(receive(payment(params, PRICE, 1)).accepted()).isTrue();
    assertThat(f.balances.fixedPrice(f.gateway(), SESSION)).contains(Rational.of(PRICE.getPricePerUnit(), PRICE.getPixelsPerUnit()));
  }

  @Test
  void theFirstPaymentFixesTheSessionPrice() throws Exception {
    assertThat(receive(payment(params, PRICE, 1)).accepted()).isTrue();
    PriceInfo higher = PriceInfo.newBuilder().setPricePerUnit(2000).setPixelsPerUnit(1).build();
    TicketParams second = f.recipient.ticketParams(f.gateway(), Rational.of(2000));
    assertThat(receive(payment(second, higher, 1)).accepted()).isTrue();
    assertThat(f.balances.fixedPrice(f.gateway(), SESSION)).contains(Rational.of(1010));
  }

  @Test
  void winningTicketsAreOnDiskWhenThePaymentReturnsEvenAfterANonFatalError() throws Exception {
    f.close();
    // A face value equal to the EV makes every ticket win.
    f = new PaymentsFixture(dir.resolve("certain"), new RecipientConfig(PaymentsFixture.ORCHESTRATOR.address(),
        RecipientConfig.DEFAULT_TICKET_EV, RecipientConfig.DEFAULT_TICKET_EV, RecipientConfig.REDEEM_GAS_ARBITRUM));
    f.chain.setGasPrice(BigInteger.ZERO);
    TicketParams certain = f.recipient.ticketParams(f.gateway(), Rational.of(1010));
    assertThat(certain.winProb()).isEqualTo(Uint256.MAX);
    assertThat(receive(payment(certain, PRICE, 1, 2)).winningTickets()).isEqualTo(2);
    PaymentReceipt replay = receive(payment(certain, PRICE, 2, 3));
    assertThat(replay.error()).isPresent();
    assertThat(replay.winningTickets()).isEqualTo(2);

    f.store.close();
    try (WinningTicketStore reopened = WinningTicketStore.open(dir.resolve("certain").resolve("tickets.db"), f.clock)) {
      // nonce 2 twice is the same ticket: stored once.
      assertThat(reopened.countByState().get(RedemptionState.QUEUED)).isEqualTo(3);
      assertThat(reopened.inState(RedemptionState.QUEUED)).extracting(t -> t.winner().ticket().senderNonce())
          .containsExactly(1L, 2L, 3L);
    }
    f = new PaymentsFixture(dir.resolve("again"));
  }
}
