package dev.lpnode.config;

import dev.lpnode.config.Flag.ValueParser;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the kinds of values go-livepeer's flags take. */
public final class ValueParsers {
  private ValueParsers() {}

  public static final ValueParser<String> STRING = text -> text;

  public static final ValueParser<Boolean> BOOLEAN = text -> switch (text.toLowerCase(Locale.ROOT)) {
    case "", "1", "t", "true" -> true;
    case "0", "f", "false" -> false;
    default -> throw new ConfigException("expected true or false");
  };

  public static final ValueParser<HostPort> HOST_PORT = HostPort::parse;

  private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** A network name: it names the default data directory, so one path segment. */
  public static final ValueParser<String> NETWORK_NAME = text -> {
    if (!NETWORK.matcher(text).matches()) {
      throw new ConfigException("a network name is letters, digits, '.', '_' and '-'");
    }
    return text;
  };

  public static final ValueParser<Path> PATH = text -> {
    if (text.isEmpty()) {
      throw new ConfigException("empty path");
    }
    return Path.of(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text);
  };

  /** A transcoding ladder: preset names or a JSON file; checked when the configuration loads. */
  public static final ValueParser<List<VideoProfile>> LADDER = LadderParser::parse;

  /** A whole amount of wei (go-livepeer also accepts decimal and exponent forms such as 8e9). */
  public static final ValueParser<BigInteger> WEI = text -> {
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new ConfigException("expected an amount in wei");
    }
    if (value.signum() < 0) {
      throw new ConfigException("must not be negative");
    }
    try {
      return value.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new ConfigException("wei amounts are whole numbers");
    }
  };

  public static ValueParser<Integer> intRange(int min, int max) {
    return text -> {
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ConfigException("expected a whole number");
      }
      if (value < min || value > max) {
        throw new ConfigException("must be between " + min + " and " + max);
      }
      return value;
    };
  }

  public static ValueParser<Long> longRange(long min, long max) {
    return text -> {
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new ConfigException("expected a whole number");
      }
      if (value < min || value > max) {
        throw new ConfigException("must be between " + min + " and " + max);
      }
      return value;
    };
  }

  /** A decimal number in [min, max]. */
  public static ValueParser<Double> decimalRange(double min, double max) {
    return text -> {
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new ConfigException("expected a number");
      }
      if (!(value >= min && value <= max)) {
        throw new ConfigException("must be between " + min + " and " + max);
      }
      return value;
    };
  }

  public static ValueParser<String> oneOf(String... choices) {
    return text -> {
      for (String c : choices) {
        if (c.equals(text)) {
          return text;
        }
      }
      throw new ConfigException("expected one of " + String.join(", ", choices));
    };
  }

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  /** A Go duration such as {@code 500ms}, {@code 2s} or {@code 1m30s}. */
  public static final ValueParser<Duration> DURATION = text -> {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      BigDecimal unit = switch (m.group(2)) {
        case "ns" -> BigDecimal.ONE;
        case "us", "µs" -> BigDecimal.valueOf(1_000);
        case "ms" -> BigDecimal.valueOf(1_000_000);
        case "s" -> BigDecimal.valueOf(1_000_000_000L);
        case "m" -> BigDecimal.valueOf(60_000_000_000L);
        default -> BigDecimal.valueOf(3_600_000_000_000L);
      };
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw new ConfigException("expected a duration such as 500ms, 2s or 1m30s");
    }
    return Duration.ofNanos(nanos.longValue());
  };

  /** A duration of at least {@code min}. */
  public static ValueParser<Duration> durationAtLeast(Duration min) {
    return text -> {
      Duration value = DURATION.parse(text);
      if (value.compareTo(min) < 0) {
        throw new ConfigException("must be at least " + min.toMillis() + "ms");
      }
      return value;
    };
  }

  /** {@code -maxSessions}: a positive number, or {@code auto}. */
  public static final ValueParser<SessionLimit> MAX_SESSIONS = text ->
      text.equals("auto") ? SessionLimit.AUTO : SessionLimit.of(intRange(1, 1_000_000).parse(text));

  /** {@code -nvidia}: comma-separated GPU indexes or {@code all}; empty means CPU only. */
  public static final ValueParser<String> GPU_LIST = text -> {
    if (text.isEmpty() || text.equals("all") || text.matches("\\d+(,\\d+)*")) {
      return text;
    }
    throw new ConfigException("expected GPU indexes such as 0,1 or all");
  };

  /** A literal, or the first line of the file it names (go-livepeer's rule for secrets such as -ethPassword). */
  public static final ValueParser<String> LITERAL_OR_FILE = text -> {
    Path file = Path.of(text);
    if (!text.isEmpty() && Files.isRegularFile(file)) {
      try {
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? "" : lines.get(0).strip();
      } catch (Exception e) {
        throw new ConfigException("cannot read " + file + ": " + e.getMessage());
      }
    }
    return text;
  };

  /** A 0x-prefixed 20-byte Ethereum address. */
  public static final ValueParser<String> ETH_ADDRESS = text -> {
    if (!text.matches("0x[0-9a-fA-F]{40}")) {
      throw new ConfigException("expected a 0x-prefixed 40-hex-digit address");
    }
    return text.toLowerCase(Locale.ROOT);
  };

  /** A comma-separated list, empty entries dropped. */
  public static final ValueParser<List<String>> LIST = text -> java.util.Arrays.stream(text.split(","))
      .map(String::trim).filter(s -> !s.isEmpty()).toList();
}
