package dev.lpnode.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/** 32 bytes, such as a block hash. Immutable. */
public final class Bytes32 {
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  public static Bytes32 ofHex(String hex) {
    String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
    return of(HexFormat.of().parseHex(digits));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
