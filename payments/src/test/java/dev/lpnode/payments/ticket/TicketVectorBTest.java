package dev.lpnode.payments.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.EthSignatures;
import dev.lpnode.payments.crypto.Hex;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The end-to-end vector of protocol.md §5.10 B: params, ticket hashes, signatures, win test. */
class TicketVectorBTest {
  static final SigningKey SENDER = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final EthAddress RECIPIENT = EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final BigInteger FACE_VALUE = BigInteger.TEN.pow(15);
  static final BigInteger EV = BigInteger.valueOf(8_000_000_000L);
  static final BigInteger RECIPIENT_RAND = new BigInteger("9f734106e7bb0c24171c12ba00b23523d373280ae807012a8c3499ddf24b34ce", 16);
  static final Bytes32 BLOCK_HASH = Bytes32.of(Keccak.keccak256("blockhash".getBytes(StandardCharsets.US_ASCII)));

  private static Ticket ticket(long nonce) {
    BigInteger winProb = WinProbability.forExpectedValue(FACE_VALUE, EV);
    return new Ticket(RECIPIENT, SENDER.address(), FACE_VALUE, winProb, nonce,
        WinProbability.recipientRandHash(RECIPIENT_RAND), new ExpirationParams(3500, BLOCK_HASH));
  }

  @Test
  void winProbabilityForTheTargetEv() {
    BigInteger winProb = WinProbability.forExpectedValue(FACE_VALUE, EV);
    assertThat(winProb).isEqualTo(new BigInteger("926336713898529563388567880069503262826159877325124512315660680000000000"));
    assertThat(Hex.encode(Uint256.minBytes(winProb))).isEqualTo("8637bd05af6c69b5a63f9a49c2c1b10fd7e45803cd141a6937d3d7755000");
    Rational ev = WinProbability.expectedValue(FACE_VALUE, winProb);
    // Rounded up: a hair above 8e9 wei (about 6.9e-53), never below.
    assertThat(ev).isGreaterThan(Rational.of(EV));
    assertThat(ev.subtract(Rational.of(EV))).isLessThan(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(52)));
  }

  @Test
  void recipientRandHash() {
    assertThat(WinProbability.recipientRandHash(RECIPIENT_RAND).toHex())
        .isEqualTo("4d36d263a6ca44a25e0b6e0d38f9972357a3fc09d69121084d21fb4d81a0f2ab");
  }

  @Test
  void firstTicketHashSignatureAndLoss() throws Exception {
    Ticket t = ticket(1);
    assertThat(t.hash().toHex()).isEqualTo("fd06ddd942b5c28a143323e0feb289d3cf11b0c5570eef1e0ead7fa0b1b625f3");
    assertThat(Hex.encode(EthSignatures.personalMessageHash(t.hash().toBytes())))
        .isEqualTo("9aead831ea2417110d429041d1c1646261330f2aa863a0cd01d86582c027ff61");
    byte[] sig = SENDER.signPersonal(t.hash().toBytes());
    assertThat(Hex.encode(sig)).isEqualTo(
        "090df83fcb36ed293d5e1c135b2460d2f393cb6cfc2ae9551fb080a8203b570d1a3b9e439df42597b87356f44291787faf4d0a9423e16bb42aa89765562b1e661b");
    assertThat(EthSignatures.recoverPersonalSigner(t.hash().toBytes(), sig)).isEqualTo(SENDER.address());
    assertThat(Hex.encode(Keccak.keccak256(sig, Uint256.toBytes32(RECIPIENT_RAND)))).startsWith("9e951958").endsWith("613c38");
    assertThat(WinProbability.isWinning(sig, RECIPIENT_RAND, t.winProb())).isFalse();
  }

  @Test
  void secondTicketHashAndSignature() {
    Ticket t = ticket(2);
    assertThat(t.hash().toHex()).isEqualTo("de476931459e641f5a8b43ed2e74a7b3432dd777ea67656151b62e05935c4a3f");
    byte[] sig = SENDER.signPersonal(t.hash().toBytes());
    assertThat(Hex.encode(sig)).isEqualTo(
        "9fb716d8d259c00c021297429459d2b01331a76490def61e940615f2489fcb367008d88a3f8c99af853d5ee1195c622d99d11335c7322c50cde03dc1d4589cdd1b");
    assertThat(WinProbability.isWinning(sig, RECIPIENT_RAND, t.winProb())).isFalse();
  }
}
