package dev.lpnode.payments.crypto;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Verification of Ethereum "personal-sign" signatures (EIP-191 version 0x45) with libsecp256k1.
 *
 * <p>A personal signature over a message {@code m} is an ECDSA secp256k1 signature over {@code
 * keccak256("\x19Ethereum Signed Message:\n" ‖ decimal(len(m)) ‖ m)}, encoded as 65 bytes {@code
 * r ‖ s ‖ v} with v ∈ {27, 28}. The checks are those of go-livepeer's verifier and of the
 * TicketBroker contract (OpenZeppelin ECDSA): exactly 65 bytes, low s (s ≤ n/2), v 27 or 28. The
 * error messages are go-livepeer's.
 *
 * <p>Recovery, not plain verification, decides validity: v selects one of the two candidate public
 * keys, and the contract's {@code ecrecover} uses it, so a signature with the wrong v must fail here
 * too even though (r, s) verify under the right key.
 */
public final class EthSignatures {
  public static final int SIGNATURE_LENGTH = 65;

  private static final byte[] PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);
  /** secp256k1 group order n, divided by 2: the largest s allowed. */
  private static final byte[] HALF_N = Hex.decode("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

  private EthSignatures() {
  }

  /** The digest that personal-sign signs for {@code message}. */
  public static byte[] personalMessageHash(byte[] message) {
    byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
    return Keccak.keccak256(PREFIX, length, message);
  }

  /** The address whose key made {@code signature}, a personal signature over {@code message}. */
  public static EthAddress recoverPersonalSigner(byte[] message, byte[] signature) throws InvalidSignatureException {
    return recoverFromDigest(personalMessageHash(message), signature);
  }

  /** True if {@code signature} is a valid personal signature over {@code message} by {@code signer}. */
  public static boolean verifyPersonal(EthAddress signer, byte[] message, byte[] signature) {
    try {
      return recoverPersonalSigner(message, signature).equals(signer);
    } catch (InvalidSignatureException e) {
      return false;
    }
  }

  /** Recovers the signer of a 32-byte digest from a 65-byte {@code r ‖ s ‖ v} signature. */
  static EthAddress recoverFromDigest(byte[] digest, byte[] signature) throws InvalidSignatureException {
    if (signature.length != SIGNATURE_LENGTH) {
      throw new InvalidSignatureException("invalid signature length");
    }
    if (Arrays.compareUnsigned(signature, 32, 64, HALF_N, 0, 32) > 0) {
      throw new InvalidSignatureException("signature s value too high");
    }
    int v = signature[64] & 0xff;
    if (v != 27 && v != 28) {
      throw new InvalidSignatureException("signature v value must be 27 or 28");
    }
    byte[] publicKey;
    try {
      publicKey = Secp256k1.get().ecdsaRecover(Arrays.copyOf(signature, 64), digest, v - 27);
    } catch (Secp256k1Exception e) {
      // r or s is zero or not below n, or no point has x = r.
      throw new InvalidSignatureException("invalid signature");
    }
    return EthAddress.fromPublicKey(Arrays.copyOfRange(publicKey, 1, 65));
  }
}
