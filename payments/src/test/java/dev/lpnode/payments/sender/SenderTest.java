package dev.lpnode.payments.sender;

import static dev.lpnode.payments.testing.PaymentsFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.payments.ticket.WinProbability;
import dev.lpnode.wire.net.Payment;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** protocol.md §5.5: the gateway's checks of params, and tickets an orchestrator accepts. */
class SenderTest {
  @TempDir
  Path dir;
  PaymentsFixture f;
  Sender sender;

  @BeforeEach
  void setUp() {
    f = new PaymentsFixture(dir);
    sender = new Sender(PaymentsFixture.GATEWAY, f.chainView, SenderConfig.defaults());
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private SenderSession offered() throws Exception {
    return sender.startSession(f.recipient.ticketParams(PaymentsFixture.GATEWAY.address(), PRICE));
  }

  /** Params as an orchestrator could send them, with chosen face value and EV. */
  private SenderSession params(BigInteger faceValue, BigInteger ev, long expirationBlock) throws Exception {
    TicketParams p = new TicketParams(PaymentsFixture.ORCHESTRATOR.address(), faceValue,
        WinProbability.forExpectedValue(faceValue, ev), Bytes32.ZERO, BigInteger.ONE, expirationBlock,
        new ExpirationParams(PaymentsFixture.ROUND, PaymentsFixture.ROUND_HASH));
    return sender.startSession(p.toProto());
  }

  private long block() {
    return f.chain.latestL1Block();
  }

  @Test
  void paymentsFromTheSenderAreAcceptedAndCredited() throws Exception {
    SenderSession session = offered();
    sender.validateTicketParams(session);
    Payment payment = sender.createPayment(session, 3, PRICE);
    assertThat(payment.getTicketParams().hasExpirationParams()).isFalse();
    assertThat(payment.getExpirationParams().getCreationRound()).isEqualTo(PaymentsFixture.ROUND);
    PaymentReceipt r = f.recipient.receivePayment(payment, "s");
    assertThat(r.accepted()).isTrue();
    assertThat(r.valueCredited()).isEqualTo(session.ticketEV().multiply(Rational.of(3)));
  }

  @Test
  void noncesStartAtOneAndCountUpPerSession() throws Exception {
    SenderSession session = offered();
    assertThat(sender.createPayment(session, 2, PRICE).getTicketSenderParamsList()).extracting(t -> t.getSenderNonce())
        .containsExactly(1, 2);
    assertThat(sender.createPayment(session, 1, PRICE).getTicketSenderParams(0).getSenderNonce()).isEqualTo(3);
    SenderSession fresh = offered();
    assertThat(fresh.id()).isNotEqualTo(session.id());
    assertThat(sender.createPayment(fresh, 1, PRICE).getTicketSenderParams(0).getSenderNonce()).isEqualTo(1);
  }

  @Test
  void zeroTicketsMakeAPaymentWithoutTicketParams() throws Exception {
    Payment p = sender.createPayment(offered(), 0, PRICE);
    assertThat(p.hasTicketParams()).isFalse();
    assertThat(EthAddress.fromWire(p.getSender().toByteArray())).isEqualTo(sender.address());
    assertThat(p.getExpectedPrice()).isEqualTo(PRICE);
  }

  @Test
  void paramsExpireOneBlockEarly() throws Exception {
    BigInteger fv = BigInteger.valueOf(1_000_000_000_000_000L);
    BigInteger ev = BigInteger.valueOf(8_000_000_000L);
    sender.validateTicketParams(params(fv, ev, block() + 2));
    for (long expiration : new long[] {block() + 1, block(), 0}) {
      assertThatThrownBy(() -> sender.validateTicketParams(params(fv, ev, expiration)))
          .isInstanceOfSatisfying(TicketParamsException.class, e -> assertThat(e.expired()).isTrue())
          .hasMessage("TicketParams expired");
    }
  }

  @Test
  void evMustStayBelowFaceValueAndTheMaximum() throws Exception {
    long expiration = block() + 40;
    assertThatThrownBy(() -> sender.validateTicketParams(params(BigInteger.valueOf(1000), BigInteger.valueOf(1000), expiration)))
        .hasMessage("ticket faceValue too low faceValue=1000");
    BigInteger overMax = SenderConfig.DEFAULT_MAX_TICKET_EV.add(BigInteger.ONE);
    assertThatThrownBy(() -> sender.validateTicketParams(params(overMax.multiply(BigInteger.TEN), overMax, expiration)))
        .hasMessage("ticket EV 3000000000001.00000 > max ticket EV 3000000000000.00000");
  }

  @Test
  void totalEvOfAPaymentIsCapped() throws Exception {
    SenderSession session = params(BigInteger.TEN.pow(17), BigInteger.valueOf(2_500_000_000_000L), block() + 40);
    sender.createPayment(session, 7, PRICE);
    assertThatThrownBy(() -> sender.createPayment(session, 9, PRICE))
        .hasMessage("total ticket EV 22500000000000.00000 for 9 tickets > max total ticket EV 20000000000000.00000");
  }

  @Test
  void faceValueMustFitTheDepositOverTheMultiplier() throws Exception {
    Sender cautious = new Sender(PaymentsFixture.GATEWAY, f.chainView, new SenderConfig(
        SenderConfig.DEFAULT_MAX_TICKET_EV, SenderConfig.DEFAULT_MAX_TOTAL_EV, 4));
    BigInteger fv = PaymentsFixture.ETH.divide(BigInteger.valueOf(4)).add(BigInteger.ONE);
    SenderSession session = cautious.startSession(params(fv, BigInteger.valueOf(8_000_000_000L), block() + 40).params().toProto());
    assertThatThrownBy(() -> cautious.validateTicketParams(session))
        .hasMessage("ticket faceValue 250000000000000001 > max faceValue 250000000000000000");
  }

  @Test
  void theSendersOwnFundsAreChecked() throws Exception {
    SigningKey poor = SigningKey.fromHex("00000000000000000000000000000000000000000000000000000000000000aa");
    Sender s = new Sender(poor, f.chainView, SenderConfig.defaults());
    SenderSession session = s.startSession(offered().params().toProto());
    assertThatThrownBy(() -> s.validateTicketParams(session)).hasMessage("no sender reserve");
    f.broker.fundReserve(poor.address(), PaymentsFixture.ETH);
    assertThatThrownBy(() -> s.validateTicketParams(session)).hasMessage("no sender deposit");
    f.broker.fundDeposit(poor.address(), PaymentsFixture.ETH);
    s.validateTicketParams(session);
    f.broker.unlock(poor.address());
    f.chain.initializeRound(PaymentsFixture.ROUND + 1, PaymentsFixture.ROUND_HASH);
    assertThatThrownBy(() -> s.validateTicketParams(session))
        .hasMessage("unable to validate sender: deposit and reserve is set to unlock soon");
  }

  @Test
  void freeParamsNeedNoFunds() throws Exception {
    SigningKey broke = SigningKey.fromHex("00000000000000000000000000000000000000000000000000000000000000bb");
    Sender s = new Sender(broke, f.chainView, SenderConfig.defaults());
    s.validateTicketParams(s.startSession(f.recipient.ticketParams(broke.address(), Rational.ZERO).toProto()));
  }

  @Test
  void missingExpirationParamsAreFilledFromTheGatewaysOwnRound() throws Exception {
    TicketParams offered = offered().params();
    dev.lpnode.wire.net.TicketParams withoutRound = offered.toProtoWithoutExpirationParams();
    Payment p = sender.createPayment(sender.startSession(withoutRound), 1, PRICE);
    assertThat(ExpirationParams.fromProto(p.getExpirationParams()))
        .isEqualTo(new ExpirationParams(PaymentsFixture.ROUND, PaymentsFixture.ROUND_HASH));
  }

  @Test
  void paramsNoOrchestratorSendsAreRefused() {
    dev.lpnode.wire.net.TicketParams absurd = dev.lpnode.wire.net.TicketParams.newBuilder()
        .setFaceValue(com.google.protobuf.ByteString.copyFrom(new byte[] {1}).concat(com.google.protobuf.ByteString.copyFrom(new byte[32])))
        .build();
    assertThatThrownBy(() -> sender.startSession(absurd)).isInstanceOf(TicketParamsException.class)
        .hasMessageStartingWith("invalid ticket params: ");
  }
}
