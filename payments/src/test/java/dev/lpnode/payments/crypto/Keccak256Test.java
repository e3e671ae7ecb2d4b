package dev.lpnode.payments.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class Keccak256Test {
  private static byte[] reference(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  @Test
  void knownVectors() {
    assertThat(Hex.encode(new Keccak256().digest()))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(Hex.encode(new Keccak256().update("abc".getBytes(StandardCharsets.US_ASCII)).digest()))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  /** Every length around the 136-byte block edges, fed whole and in random pieces, as BouncyCastle hashes it. */
  @Test
  void matchesBouncyCastleForAnyLengthAndSplit() {
    Random random = new Random(42);
    int[] lengths = {1, 2, 7, 8, 9, 134, 135, 136, 137, 271, 272, 273, 1000, 4096, 65_536 + 17, 1 << 20};
    for (int length : lengths) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      byte[] expected = reference(data);
      assertThat(new Keccak256().update(data).digest()).as("whole, %d bytes", length).isEqualTo(expected);
      Keccak256 pieces = new Keccak256();
      for (int offset = 0; offset < length; ) {
        int n = Math.min(length - offset, 1 + random.nextInt(300));
        pieces.update(data, offset, n);
        offset += n;
      }
      assertThat(pieces.digest()).as("in pieces, %d bytes", length).isEqualTo(expected);
    }
  }

  @Test
  void aFinishedDigestRefusesMoreInput() {
    Keccak256 digest = new Keccak256();
    digest.digest();
    assertThatThrownBy(() -> digest.update(new byte[1])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(digest::digest).isInstanceOf(IllegalStateException.class);
  }
}
