package dev.lpnode.payments.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * An Ethereum private key that makes personal signatures (see {@link EthSignatures}).
 *
 * <p>Keys come from web3j ({@link ECKeyPair}, {@link Credentials} from a keystore); signing runs
 * in libsecp256k1. Both use RFC 6979 deterministic nonces and low s, so the signatures are the ones
 * web3j's {@code Sign.signPrefixedMessage} and go-ethereum produce, byte for byte.
 */
public final class SigningKey {
  private final byte[] privateKey;
  private final byte[] publicKey;
  private final EthAddress address;

  private SigningKey(byte[] privateKey) {
    Secp256k1 secp = Secp256k1.get();
    if (!secp.secKeyVerify(privateKey)) {
      throw new IllegalArgumentException("not a valid secp256k1 private key");
    }
    this.privateKey = privateKey;
    this.publicKey = secp.pubkeyCreate(privateKey);
    this.address = EthAddress.fromPublicKey(Arrays.copyOfRange(publicKey, 1, 65));
  }

  public static SigningKey of(ECKeyPair keyPair) {
    return fromPrivateKey(keyPair.getPrivateKey());
  }

  public static SigningKey of(Credentials credentials) {
    return of(credentials.getEcKeyPair());
  }

  public static SigningKey fromPrivateKey(BigInteger privateKey) {
    return new SigningKey(Numeric.toBytesPadded(privateKey, 32));
  }

  /** A 32-byte private key in hex, with or without {@code 0x}. */
  public static SigningKey fromHex(String privateKeyHex) {
    byte[] bytes = Hex.decode(privateKeyHex);
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a private key has 32 bytes, got " + bytes.length);
    }
    return new SigningKey(bytes);
  }

  public EthAddress address() {
    return address;
  }

  /** The 65-byte personal signature {@code r ‖ s ‖ v} (v 27 or 28) over {@code message}. */
  public byte[] signPersonal(byte[] message) {
    byte[] digest = EthSignatures.personalMessageHash(message);
    Secp256k1 secp = Secp256k1.get();
    byte[] compact = secp.sign(digest, privateKey);
    // libsecp256k1 returns (r, s) without the recovery id; find the one that gives our key back.
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      if (Arrays.equals(secp.ecdsaRecover(compact, digest, recoveryId), publicKey)) {
        byte[] signature = Arrays.copyOf(compact, EthSignatures.SIGNATURE_LENGTH);
        signature[64] = (byte) (27 + recoveryId);
        return signature;
      }
    }
    // Only when r ≥ n - p: probability about 2^-128.
    throw new IllegalStateException("signature needs a recovery id above 1");
  }

  @Override
  public String toString() {
    return "SigningKey[" + address + "]";
  }
}
