package dev.lpnode.payments.crypto;

import java.util.Arrays;
import org.web3j.crypto.Keys;

/** A 20-byte Ethereum account address. Immutable; equal when the bytes are equal. */
public final class EthAddress implements Comparable<EthAddress> {
  public static final int LENGTH = 20;
  public static final EthAddress ZERO = new EthAddress(new byte[LENGTH]);

  private final byte[] bytes;

  private EthAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address with exactly these 20 bytes. */
  public static EthAddress of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("an address has 20 bytes, got " + bytes.length);
    }
    return new EthAddress(bytes.clone());
  }

  /**
   * Reads an address field of a protobuf message the way go-livepeer does ({@code
   * common.BytesToAddress}): the last 20 bytes of a longer value, a shorter one left-padded with
   * zeros. Hashes and signatures then see the same bytes as a go-livepeer peer.
   */
  public static EthAddress fromWire(byte[] bytes) {
    byte[] out = new byte[LENGTH];
    int n = Math.min(bytes.length, LENGTH);
    System.arraycopy(bytes, bytes.length - n, out, LENGTH - n, n);
    return new EthAddress(out);
  }

  /** Parses 40 hex digits, with or without {@code 0x}, in any letter case. */
  public static EthAddress fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid address " + hex + ": " + e.getMessage(), e);
    }
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("invalid address " + hex + ": expected 20 bytes, got " + bytes.length);
    }
    return new EthAddress(bytes);
  }

  /**
   * The address whose last 8 bytes are {@code value} (big-endian) and the rest zero: a fixed,
   * keyless address for a system account (e.g. the embedded ledger's Minter) or a test account.
   */
  public static EthAddress ofNumber(long value) {
    byte[] bytes = new byte[LENGTH];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[LENGTH - 1 - i] = (byte) (value >>> (8 * i));
    }
    return new EthAddress(bytes);
  }

  /** The address of a public key: the last 20 bytes of keccak256 of its 64-byte X‖Y encoding. */
  public static EthAddress fromPublicKey(byte[] xy) {
    if (xy.length != 64) {
      throw new IllegalArgumentException("an uncompressed public key without prefix has 64 bytes, got " + xy.length);
    }
    return new EthAddress(Arrays.copyOfRange(Keccak.keccak256(xy), 12, 32));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Copies the 20 bytes into {@code out} at {@code offset}, without allocating. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, LENGTH);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  /** Lower-case hex with {@code 0x}. */
  public String toHex() {
    return Hex.encodePrefixed(bytes);
  }

  /** EIP-55 mixed-case checksum form, e.g. {@code 0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F}. */
  public String toChecksumHex() {
    return Keys.toChecksumAddress(toHex());
  }

  /** The checksum form, like go-ethereum's {@code Address.Hex()} that go-livepeer puts in its messages. */
  @Override
  public String toString() {
    return toChecksumHex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EthAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(EthAddress other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }
}
