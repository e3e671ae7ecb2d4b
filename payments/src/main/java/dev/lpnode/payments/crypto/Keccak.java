package dev.lpnode.payments.crypto;

/** Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256) of whole inputs. */
public final class Keccak {
  public static final int HASH_LENGTH = 32;

  private Keccak() {
  }

  /** keccak256 of the concatenation of {@code parts}. */
  public static byte[] keccak256(byte[]... parts) {
    Keccak256 digest = new Keccak256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }
}
