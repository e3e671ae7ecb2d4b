package dev.lpnode.payments.crypto;

import java.util.HexFormat;

/** Lower-case hex with an optional {@code 0x} prefix, as Ethereum tools print it. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {
  }

  /** Lower-case hex without prefix. */
  public static String encode(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  /** Lower-case hex with a {@code 0x} prefix. */
  public static String encodePrefixed(byte[] bytes) {
    return "0x" + encode(bytes);
  }

  /** Decodes hex with or without {@code 0x}; throws {@link IllegalArgumentException} on bad input. */
  public static byte[] decode(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("hex string has an odd number of digits: " + hex);
    }
    return FORMAT.parseHex(digits);
  }
}
