package dev.lpnode.bench.transcode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The number and time formats of livepeer_bench's output, so its consumers can parse ours. */
final class GoFormat {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private GoFormat() {}

  /** Go's {@code %0.4v} of a float64: 4 significant digits, no trailing zeros, exponent when large or tiny. */
  static String float4(double value) {
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(4));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 4) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** Go's {@code %v} of a float64 (shortest representation), as in "Total Source Duration". */
  static String float64(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e21) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** Go's {@code 2006-01-02 15:04:05.9999}: up to four fractional digits, trailing zeros dropped. */
  static String timestamp(LocalDateTime time) {
    String fraction = String.format("%04d", time.getNano() / 100_000).replaceAll("0+$", "");
    return SECONDS.format(time) + (fraction.isEmpty() ? "" : "." + fraction);
  }
}
