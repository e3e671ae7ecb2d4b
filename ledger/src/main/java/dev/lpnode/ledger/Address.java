package dev.lpnode.ledger;

import java.util.Locale;
import java.util.regex.Pattern;

/** A 20-byte Ethereum account address, kept as lowercase {@code 0x}-prefixed hex. */
public record Address(String hex) implements Comparable<Address> {
  private static final Pattern HEX40 = Pattern.compile("0x[0-9a-f]{40}");

  /** The null address: "no delegate", "no finder". */
  public static final Address ZERO = new Address("0x" + "0".repeat(40));

  public Address {
    hex = hex.toLowerCase(Locale.ROOT);
    if (!HEX40.matcher(hex).matches()) {
      throw new IllegalArgumentException("invalid address: " + hex);
    }
  }

  /** Parses {@code 0x} + 40 hex digits in any letter case (EIP-55 checksums are not enforced). */
  public static Address of(String hex) {
    return new Address(hex.strip());
  }

  /** The address whose last bytes are {@code value}: handy for well-known system accounts. */
  public static Address ofNumber(long value) {
    return new Address(String.format("0x%040x", value));
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public int compareTo(Address other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
