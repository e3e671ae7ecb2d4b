package dev.lpnode.payments.ticket;

import dev.lpnode.payments.crypto.Hex;
import java.util.Arrays;

/** A Solidity {@code bytes32}: hashes, block hashes, recipientRandHash. Immutable value. */
public final class Bytes32 {
  public static final int LENGTH = 32;
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** Wraps a freshly computed array without copying; the caller must not keep it. */
  static Bytes32 wrap(byte[] bytes) {
    return new Bytes32(bytes);
  }

  /** Reads a protobuf field like go's {@code common.BytesToHash}: last 32 bytes, left-padded. */
  public static Bytes32 fromWire(byte[] bytes) {
    byte[] out = new byte[LENGTH];
    int n = Math.min(bytes.length, LENGTH);
    System.arraycopy(bytes, bytes.length - n, out, LENGTH - n, n);
    return new Bytes32(out);
  }

  public static Bytes32 fromHex(String hex) {
    return of(Hex.decode(hex));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code out} at {@code offset}, without allocating. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, LENGTH);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  /** Lower-case hex without prefix. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + toHex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
