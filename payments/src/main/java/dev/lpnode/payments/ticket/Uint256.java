package dev.lpnode.payments.ticket;

import java.math.BigInteger;
import java.util.Arrays;

/** Encodings of unsigned integers used by tickets and their wire messages. */
public final class Uint256 {
  /** 2^256 − 1: the largest uint256, and the denominator of a ticket's win probability. */
  public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private Uint256() {
  }

  /** True if {@code x} fits a uint256. */
  public static boolean fits(BigInteger x) {
    return x.signum() >= 0 && x.bitLength() <= 256;
  }

  /** The 32-byte big-endian encoding ({@code abi.encodePacked(uint256)}). */
  public static byte[] toBytes32(BigInteger x) {
    byte[] out = new byte[32];
    writeTo(x, out, 0);
    return out;
  }

  /** Writes the 32-byte big-endian encoding of {@code x} into {@code out} at {@code offset}. */
  public static void writeTo(BigInteger x, byte[] out, int offset) {
    if (!fits(x)) {
      throw new IllegalArgumentException("not a uint256: " + x);
    }
    byte[] raw = x.toByteArray();
    int skip = raw.length > 32 ? raw.length - 32 : 0; // a sign byte
    int n = raw.length - skip;
    Arrays.fill(out, offset, offset + 32 - n, (byte) 0);
    System.arraycopy(raw, skip, out, offset + 32 - n, n);
  }

  /**
   * Go's {@code big.Int.Bytes()}: the absolute value, big-endian, without leading zeros; empty for
   * zero. This is how protobuf fields carry numbers and how the recipientRand HMAC sees them.
   */
  public static byte[] minBytes(BigInteger x) {
    if (x.signum() == 0) {
      return new byte[0];
    }
    byte[] raw = x.abs().toByteArray();
    return raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
  }

  /** Reads an unsigned big-endian number of any length (Go's {@code new(big.Int).SetBytes}). */
  public static BigInteger fromBytes(byte[] bytes) {
    return new BigInteger(1, bytes);
  }
}
