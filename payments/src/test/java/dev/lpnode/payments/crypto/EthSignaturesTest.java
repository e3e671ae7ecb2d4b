package dev.lpnode.payments.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/** Upstream vectors of protocol.md §5.10 A (crypto/verify_test.go) and B, plus round-trip properties. */
class EthSignaturesTest {
  static final String SENDER_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  static final String RECIPIENT_KEY = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final BigInteger N = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  private static final EthAddress UPSTREAM_SIGNER = EthAddress.fromHex("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6");
  private static final byte[] UPSTREAM_MESSAGE = Hex.decode("b7da355477356fc4c47fcabcf232dc77a6db9b07b7e48b76261cc55cc8fbabb3");
  private static final byte[] UPSTREAM_SIG = Hex.decode(
      "206443228e8f784bc3a122de0d85eb3ebff82d6a79cca26c7eeb907099a6404f6dff57bc6828f28bd6cd073c89d94cf3364204679ed8365fa45b5ee6af19a9841c");

  @Test
  void upstreamValidSignatureRecoversItsSigner() throws Exception {
    assertThat(EthSignatures.recoverPersonalSigner(UPSTREAM_MESSAGE, UPSTREAM_SIG)).isEqualTo(UPSTREAM_SIGNER);
    assertThat(EthSignatures.verifyPersonal(UPSTREAM_SIGNER, UPSTREAM_MESSAGE, UPSTREAM_SIG)).isTrue();
  }

  @Test
  void upstreamShortSignatureIsRejected() {
    byte[] sig64 = Arrays.copyOf(UPSTREAM_SIG, 64);
    assertThatThrownBy(() -> EthSignatures.recoverPersonalSigner(UPSTREAM_MESSAGE, sig64))
        .isInstanceOf(InvalidSignatureException.class).hasMessage("invalid signature length");
    assertThat(EthSignatures.verifyPersonal(UPSTREAM_SIGNER, UPSTREAM_MESSAGE, sig64)).isFalse();
  }

  @Test
  void upstreamHighSSignatureIsRejected() {
    byte[] highS = Hex.decode(
        "e742ff452d41413616a5bf43fe15dd88294e983d3d36206c2712f39083d638bde0a0fc89be718fbc1033e1d30d78be1c68081562ed2e97af876f286f3453231d1b");
    assertThatThrownBy(() -> EthSignatures.recoverPersonalSigner(UPSTREAM_MESSAGE, highS))
        .isInstanceOf(InvalidSignatureException.class).hasMessage("signature s value too high");
  }

  @Test
  void vOutside27And28IsRejected() {
    for (int v : new int[] {0, 1, 26, 29}) {
      byte[] sig = UPSTREAM_SIG.clone();
      sig[64] = (byte) v;
      assertThatThrownBy(() -> EthSignatures.recoverPersonalSigner(UPSTREAM_MESSAGE, sig))
          .hasMessage("signature v value must be 27 or 28");
    }
  }

  @Test
  void zeroROrSIsInvalid() {
    byte[] sig = UPSTREAM_SIG.clone();
    Arrays.fill(sig, 0, 32, (byte) 0);
    assertThatThrownBy(() -> EthSignatures.recoverPersonalSigner(UPSTREAM_MESSAGE, sig)).hasMessage("invalid signature");
  }

  @Test
  void vectorBKeysHaveTheirAddresses() {
    assertThat(SigningKey.fromHex(SENDER_KEY).address().toString()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(SigningKey.fromHex(RECIPIENT_KEY).address().toString()).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  }

  @Test
  void vectorBOrchestratorRequestSignature() throws Exception {
    SigningKey sender = SigningKey.fromHex(SENDER_KEY);
    byte[] digest = Keccak.keccak256(sender.address().toString().getBytes(StandardCharsets.UTF_8));
    assertThat(Hex.encode(digest)).isEqualTo("db2ec52069cba65d62a560cad9088e7a709d09e7c14b33d740b428038e383e34");
    byte[] sig = sender.signPersonal(digest);
    assertThat(Hex.encode(sig)).isEqualTo(
        "47d66008c2c5b0671b8e7b43b62245ae9c4ba5f6ff7e94328b68eb45090cb1080815dec67a20bdec15ce794c9ce271fa8e6552d6b0976ab7a0b92d5516b32ef31c");
    assertThat(EthSignatures.recoverPersonalSigner(digest, sig)).isEqualTo(sender.address());
  }

  @Test
  void vectorBSegmentAndTranscodeResultSignatures() {
    byte[] flattenHash = Hex.decode("08a398e7e7a5a545b0b07d9e7e1eab52b4131e0df1621bd53ee6e7550a15465b");
    assertThat(Hex.encode(SigningKey.fromHex(SENDER_KEY).signPersonal(flattenHash))).isEqualTo(
        "c21b3d8ca7798cc7309226c4a3049ad40a54d89a894c1982d022032ace083d49306e324703cc7bd0897ed99fd14cb74820a04d86fdc840d82e1a3afc712870691c");

    byte[] r1 = Keccak.keccak256("rendition-1".getBytes(StandardCharsets.US_ASCII));
    byte[] r2 = Keccak.keccak256("rendition-2".getBytes(StandardCharsets.US_ASCII));
    byte[] resultHash = Keccak.keccak256(r1, r2);
    assertThat(Hex.encode(resultHash)).isEqualTo("c8360cb33f341105d820fe68bd814baf8e01949ba0ddd4412e4f72d4e36ed406");
    assertThat(Hex.encode(SigningKey.fromHex(RECIPIENT_KEY).signPersonal(resultHash))).isEqualTo(
        "db2af2f62e2a827911dfd5f968be86ecde438cd6c01391052f5cb140ab5a8d4c7002f2b74066040404d4bbda0f9d82fa7f189960f00b0a4797a32a72960977c81b");
  }

  @Provide
  Arbitrary<BigInteger> privateKeys() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE));
  }

  @Property(tries = 200)
  void signaturesRoundTrip(@ForAll("privateKeys") BigInteger privateKey, @ForAll @Size(max = 300) byte[] message) throws Exception {
    SigningKey key = SigningKey.fromPrivateKey(privateKey);
    byte[] sig = key.signPersonal(message);
    assertThat(sig).hasSize(65);
    assertThat(sig[64] & 0xff).isIn(27, 28);
    assertThat(EthSignatures.recoverPersonalSigner(message, sig)).isEqualTo(key.address());
  }

  @Property(tries = 50)
  void signaturesEqualWeb3jsByteForByte(@ForAll("privateKeys") BigInteger privateKey, @ForAll @Size(max = 100) byte[] message) {
    Sign.SignatureData web3j = Sign.signPrefixedMessage(message, ECKeyPair.create(privateKey));
    byte[] expected = new byte[65];
    System.arraycopy(web3j.getR(), 0, expected, 0, 32);
    System.arraycopy(web3j.getS(), 0, expected, 32, 32);
    expected[64] = web3j.getV()[0];
    assertThat(SigningKey.fromPrivateKey(privateKey).signPersonal(message)).isEqualTo(expected);
  }

  @Property(tries = 200)
  void anyTamperedSignatureOrMessageFails(
      @ForAll("privateKeys") BigInteger privateKey,
      @ForAll @Size(min = 1, max = 100) byte[] message,
      @ForAll @IntRange(min = 0, max = 65 * 8 - 1) int sigBit,
      @ForAll @IntRange(min = 0, max = 799) int messageBit) {
    SigningKey key = SigningKey.fromPrivateKey(privateKey);
    byte[] sig = key.signPersonal(message);

    byte[] tamperedSig = sig.clone();
    tamperedSig[sigBit / 8] ^= (byte) (1 << (sigBit % 8));
    assertThat(EthSignatures.verifyPersonal(key.address(), message, tamperedSig)).isFalse();

    byte[] tamperedMessage = message.clone();
    int bit = messageBit % (message.length * 8);
    tamperedMessage[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThat(EthSignatures.verifyPersonal(key.address(), tamperedMessage, sig)).isFalse();
  }
}
