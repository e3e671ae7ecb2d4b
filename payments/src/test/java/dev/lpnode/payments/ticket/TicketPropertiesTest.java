package dev.lpnode.payments.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.EthSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.web3j.crypto.Hash;

class TicketPropertiesTest {
  private static final BigInteger KEY_LIMIT = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", 16);

  @Provide
  Arbitrary<BigInteger> uint256s() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, Uint256.MAX),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000_000)),
        Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, Uint256.MAX, Uint256.MAX.subtract(BigInteger.ONE)));
  }

  @Provide
  Arbitrary<Ticket> tickets() {
    Arbitrary<EthAddress> addresses = Arbitraries.bytes().array(byte[].class).ofSize(20).map(EthAddress::of);
    Arbitrary<Bytes32> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Bytes32::of);
    Arbitrary<ExpirationParams> expirations = Combinators.combine(Arbitraries.longs().between(0, 1_000_000), hashes)
        .as(ExpirationParams::new);
    return Combinators.combine(addresses, addresses, uint256s(), uint256s(),
            Arbitraries.longs().between(0, Ticket.MAX_SENDER_NONCE), hashes, expirations)
        .as(Ticket::new);
  }

  @Property
  void expectedValueIsExactFaceValueTimesWinProbOverMax(@ForAll("uint256s") BigInteger faceValue, @ForAll("uint256s") BigInteger winProb) {
    Rational ev = WinProbability.expectedValue(faceValue, winProb);
    assertThat(ev.numerator().multiply(Uint256.MAX)).isEqualTo(faceValue.multiply(winProb).multiply(ev.denominator()));
    assertThat(ev.denominator().signum()).isPositive();
    assertThat(ev.numerator().gcd(ev.denominator())).isEqualTo(BigInteger.ONE);
  }

  @Property
  void winProbabilityRoundsTheEvUpByLessThanOneStep(
      @ForAll("faceValuesAboveEv") BigInteger[] faceValueAndEv) {
    BigInteger faceValue = faceValueAndEv[0];
    BigInteger ev = faceValueAndEv[1];
    BigInteger winProb = WinProbability.forExpectedValue(faceValue, ev);
    BigInteger ceilQuotient = Uint256.MAX.add(faceValue).subtract(BigInteger.ONE).divide(faceValue);
    assertThat(winProb).isEqualTo(ev.multiply(ceilQuotient));
    Rational actual = WinProbability.expectedValue(faceValue, winProb);
    assertThat(actual).isGreaterThanOrEqualTo(Rational.of(ev));
    assertThat(actual.subtract(Rational.of(ev))).isLessThan(Rational.of(ev.multiply(faceValue), Uint256.MAX));
  }

  @Provide
  Arbitrary<BigInteger[]> faceValuesAboveEv() {
    return Arbitraries.bigIntegers().between(BigInteger.TWO, BigInteger.ONE.shiftLeft(120))
        .flatMap(fv -> Arbitraries.bigIntegers().between(BigInteger.ONE, fv.subtract(BigInteger.ONE))
            .map(ev -> new BigInteger[] {fv, ev}));
  }

  @Property
  void winTestAgreesWithAnIndependentReference(@ForAll @Size(65) byte[] sig, @ForAll("uint256s") BigInteger rand,
      @ForAll("uint256s") BigInteger winProb) {
    byte[] input = new byte[97];
    System.arraycopy(sig, 0, input, 0, 65);
    byte[] randBytes = rand.toByteArray();
    int n = Math.min(randBytes.length, 32);
    System.arraycopy(randBytes, randBytes.length - n, input, 97 - n, n);
    boolean reference = new BigInteger(1, Hash.sha3(input)).compareTo(winProb) < 0;
    assertThat(WinProbability.isWinning(sig, rand, winProb)).isEqualTo(reference);
  }

  @Property
  void certainTicketsWinAndZeroProbabilityTicketsLose(@ForAll @Size(65) byte[] sig, @ForAll("uint256s") BigInteger rand) {
    assertThat(WinProbability.isWinning(sig, rand, BigInteger.ZERO)).isFalse();
    assertThat(WinProbability.isWinning(sig, rand, WinProbability.CERTAIN)).isTrue(); // fails only for a hash of 2^256 − 1
  }

  @Property(tries = 300)
  void signedTicketsVerifyAndAnyTamperedFieldFails(@ForAll("tickets") Ticket ticket,
      @ForAll("keys") BigInteger privateKey, @ForAll @IntRange(min = 0, max = 6) int field) throws Exception {
    SigningKey key = SigningKey.fromPrivateKey(privateKey);
    Ticket signed = new Ticket(ticket.recipient(), key.address(), ticket.faceValue(), ticket.winProb(),
        ticket.senderNonce(), ticket.recipientRandHash(), ticket.expirationParams());
    byte[] sig = key.signPersonal(signed.hash().toBytes());
    assertThat(EthSignatures.recoverPersonalSigner(signed.hash().toBytes(), sig)).isEqualTo(key.address());

    Ticket tampered = tamper(signed, field);
    assertThat(EthSignatures.verifyPersonal(key.address(), tampered.hash().toBytes(), sig)).isFalse();
  }

  @Provide
  Arbitrary<BigInteger> keys() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, KEY_LIMIT);
  }

  private static Ticket tamper(Ticket t, int field) {
    byte[] flipped = t.recipient().toBytes();
    flipped[7] ^= 1;
    return switch (field) {
      case 0 -> new Ticket(EthAddress.of(flipped), t.sender(), t.faceValue(), t.winProb(), t.senderNonce(), t.recipientRandHash(), t.expirationParams());
      case 1 -> new Ticket(t.recipient(), EthAddress.of(flipped), t.faceValue(), t.winProb(), t.senderNonce(), t.recipientRandHash(), t.expirationParams());
      case 2 -> new Ticket(t.recipient(), t.sender(), t.faceValue().flipBit(3), t.winProb(), t.senderNonce(), t.recipientRandHash(), t.expirationParams());
      case 3 -> new Ticket(t.recipient(), t.sender(), t.faceValue(), t.winProb().flipBit(200), t.senderNonce(), t.recipientRandHash(), t.expirationParams());
      case 4 -> t.withSenderNonce(t.senderNonce() ^ 1);
      case 5 -> {
        byte[] hash = t.recipientRandHash().toBytes();
        hash[31] ^= 1;
        yield new Ticket(t.recipient(), t.sender(), t.faceValue(), t.winProb(), t.senderNonce(), Bytes32.of(hash), t.expirationParams());
      }
      default -> new Ticket(t.recipient(), t.sender(), t.faceValue(), t.winProb(), t.senderNonce(), t.recipientRandHash(),
          new ExpirationParams(t.expirationParams().creationRound() + 1, t.expirationParams().creationRoundBlockHash()));
    };
  }

  @Property
  void minimalBytesRoundTrip(@ForAll("uint256s") BigInteger x) {
    byte[] min = Uint256.minBytes(x);
    assertThat(Uint256.fromBytes(min)).isEqualTo(x);
    assertThat(min.length == 0 || min[0] != 0).isTrue();
    assertThat(Uint256.fromBytes(Uint256.toBytes32(x))).isEqualTo(x);
  }
}
