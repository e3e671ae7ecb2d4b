package dev.lpnode.payments.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256). */
public final class Keccak {
  public static final int HASH_LENGTH = 32;
  /** One digest per thread: {@code doFinal} resets it, and reuse saves its allocation on hot paths. */
  private static final ThreadLocal<KeccakDigest> DIGESTS = ThreadLocal.withInitial(() -> new KeccakDigest(256));

  private Keccak() {
  }

  /** keccak256 of the concatenation of {@code parts}. */
  public static byte[] keccak256(byte[]... parts) {
    KeccakDigest digest = DIGESTS.get();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[HASH_LENGTH];
    digest.doFinal(out, 0);
    return out;
  }
}
