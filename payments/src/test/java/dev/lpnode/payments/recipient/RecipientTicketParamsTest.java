package dev.lpnode.payments.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Hex;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.payments.ticket.WinProbability;
import dev.lpnode.wire.net.PriceInfo;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientTicketParamsTest {
  @TempDir
  Path dir;

  private static final Rational PRICE = Rational.of(1010);

  /** go-livepeer pm/recipient_test.go TestTicketParams: EV 5, redeem gas 10000, tx cost multiplier 100. */
  private PaymentsFixture upstreamFixture() {
    return new PaymentsFixture(dir, new RecipientConfig(PaymentsFixture.ORCHESTRATOR.address(), BigInteger.valueOf(5),
        BigInteger.ZERO, 10_000));
  }

  private static EthAddress senderWithMaxFloat(PaymentsFixture f, String name, BigInteger maxFloat) {
    // One active orchestrator, so its reserve share (the max float) is the whole reserve.
    EthAddress sender = EthAddress.of(Arrays.copyOf(Keccak.keccak256(name.getBytes(StandardCharsets.US_ASCII)), 20));
    f.broker.fundDepositAndReserveFor(sender, sender, PaymentsFixture.ETH, maxFloat);
    return sender;
  }

  @Test
  void upstreamVectorGasPrice100() throws Exception {
    try (PaymentsFixture f = upstreamFixture()) {
      f.chain.setGasPrice(BigInteger.valueOf(100));
      TicketParams p = f.recipient.ticketParams(senderWithMaxFloat(f, "a", BigInteger.valueOf(10_000_000_000L)), PRICE);
      assertThat(p.faceValue()).isEqualTo(BigInteger.valueOf(100_000_000));
      assertThat(p.winProb()).isEqualTo(new BigInteger("5789604461865809771178549250434395392663499233282028201972879200395660"));
    }
  }

  @Test
  void upstreamVectorGasPrice777() throws Exception {
    try (PaymentsFixture f = upstreamFixture()) {
      f.chain.setGasPrice(BigInteger.valueOf(777));
      TicketParams p = f.recipient.ticketParams(senderWithMaxFloat(f, "a", BigInteger.valueOf(10_000_000_000L)), PRICE);
      assertThat(p.faceValue()).isEqualTo(BigInteger.valueOf(777_000_000));
      assertThat(p.winProb()).isEqualTo(new BigInteger("745122839364969082519761808292714979750772102095499125093034646125570"));
    }
  }

  @Test
  void upstreamVectorFaceValueCappedByMaxFloat() throws Exception {
    try (PaymentsFixture f = upstreamFixture()) {
      f.chain.setGasPrice(BigInteger.ONE);
      TicketParams p = f.recipient.ticketParams(senderWithMaxFloat(f, "a", BigInteger.valueOf(10_001)), PRICE);
      assertThat(p.faceValue()).isEqualTo(BigInteger.valueOf(10_001));
      assertThat(p.winProb()).isEqualTo(new BigInteger("57890255593098787833002192285115442382396752657554526567072084795477017120"));
    }
  }

  @Test
  void upstreamVectorFreeGasGivesEvTimes100() throws Exception {
    try (PaymentsFixture f = upstreamFixture()) {
      f.chain.setGasPrice(BigInteger.ZERO);
      TicketParams p = f.recipient.ticketParams(senderWithMaxFloat(f, "a", PaymentsFixture.ETH), PRICE);
      assertThat(p.faceValue()).isEqualTo(BigInteger.valueOf(500));
    }
  }

  @Test
  void maxFloatBelowEvIsInsufficientSenderReserve() {
    try (PaymentsFixture f = upstreamFixture()) {
      EthAddress poor = senderWithMaxFloat(f, "poor", BigInteger.valueOf(4));
      assertThatThrownBy(() -> f.recipient.ticketParams(poor, PRICE))
          .isInstanceOf(PaymentException.class).hasMessage("insufficient sender reserve");
    }
  }

  @Test
  void faceValueBelowTxCostAndAverageTxCostIsInsufficientSenderReserve() {
    try (PaymentsFixture f = upstreamFixture()) {
      f.chain.setGasPrice(BigInteger.valueOf(1_000_000_000_000L)); // tx cost 1e16
      EthAddress sender = senderWithMaxFloat(f, "a", BigInteger.valueOf(1_000_000)); // below 10000 × 3 gwei too
      assertThatThrownBy(() -> f.recipient.ticketParams(sender, PRICE)).hasMessage("insufficient sender reserve");
    }
  }

  @Test
  void maxFaceValueCapsAndCanBeChangedAtRuntime() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      BigInteger uncapped = f.recipient.ticketParams(f.gateway(), PRICE).faceValue();
      assertThat(uncapped).isEqualTo(BigInteger.valueOf(10_000_000L * 1_200_000 * 100));
      f.recipient.setMaxFaceValue(BigInteger.valueOf(50_000_000_000_000L)); // above the tx cost of 1.2e13
      assertThat(f.recipient.ticketParams(f.gateway(), PRICE).faceValue()).isEqualTo(BigInteger.valueOf(50_000_000_000_000L));
    }
  }

  @Test
  void freePriceGivesZeroFaceValueAndWinProb() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      TicketParams p = f.recipient.ticketParams(f.gateway(), Rational.ZERO);
      assertThat(p.faceValue()).isZero();
      assertThat(p.winProb()).isZero();
    }
  }

  @Test
  void paramsExpireIn40BlocksWithTheLastInitializedRound() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      f.chain.setL1Block(1000);
      TicketParams p = f.recipient.ticketParams(f.gateway(), PRICE);
      assertThat(p.expirationBlock()).isEqualTo(1040);
      assertThat(p.expirationParams()).isEqualTo(new ExpirationParams(PaymentsFixture.ROUND, PaymentsFixture.ROUND_HASH));
      assertThat(p.recipient()).isEqualTo(PaymentsFixture.ORCHESTRATOR.address());
      assertThat(p.expectedValue()).isGreaterThanOrEqualTo(Rational.of(RecipientConfig.DEFAULT_TICKET_EV));
    }
  }

  @Test
  void zeroRoundHashFallsBackToThePreviousRound() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      Bytes32 previous = Bytes32.of(Keccak.keccak256(new byte[] {1}));
      f.chain.initializeRound(101, previous);
      f.chain.initializeRound(102, Bytes32.ZERO);
      assertThat(f.recipient.ticketParams(f.gateway(), PRICE).expirationParams()).isEqualTo(new ExpirationParams(101, previous));
    }
  }

  @Test
  void everyCallHasAFreshSeedAndRecipientRandHash() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      TicketParams a = f.recipient.ticketParams(f.gateway(), PRICE);
      TicketParams b = f.recipient.ticketParams(f.gateway(), PRICE);
      assertThat(a.seed()).isNotEqualTo(b.seed());
      assertThat(a.recipientRandHash()).isNotEqualTo(b.recipientRandHash());
    }
  }

  @Test
  void protobufParamsCarryEveryField() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      PriceInfo price = PriceInfo.newBuilder().setPricePerUnit(2402).setPixelsPerUnit(2000).build();
      dev.lpnode.wire.net.TicketParams wire = f.recipient.ticketParams(f.gateway(), price);
      TicketParams back = TicketParams.fromProto(wire);
      assertThat(back.recipient()).isEqualTo(PaymentsFixture.ORCHESTRATOR.address());
      assertThat(wire.getExpirationParams().getCreationRound()).isEqualTo(PaymentsFixture.ROUND);
      assertThat(back.toProto()).isEqualTo(wire);
    }
  }

  /** protocol.md §5.10 B: the recipientRand HMAC over exactly the message of §5.3. */
  @Test
  void recipientRandVectorB() {
    byte[] secret = new byte[32];
    secret[0] = 3;
    BigInteger faceValue = BigInteger.TEN.pow(15);
    BigInteger winProb = WinProbability.forExpectedValue(faceValue, BigInteger.valueOf(8_000_000_000L));
    Bytes32 blockHash = Bytes32.of(Keccak.keccak256("blockhash".getBytes(StandardCharsets.US_ASCII)));
    BigInteger rand = new RecipientRand(secret).compute(BigInteger.valueOf(123456789),
        EthAddress.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), faceValue, winProb,
        BigInteger.valueOf(20_000_040), Rational.of(2402, 2000), new ExpirationParams(3500, blockHash).auxData());
    assertThat(Hex.encode(rand.toByteArray())).isEqualTo("009f734106e7bb0c24171c12ba00b23523d373280ae807012a8c3499ddf24b34ce");
    assertThat(WinProbability.recipientRandHash(rand).toHex()).isEqualTo("4d36d263a6ca44a25e0b6e0d38f9972357a3fc09d69121084d21fb4d81a0f2ab");
  }
}
