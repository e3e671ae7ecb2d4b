package dev.lpnode.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line flags the way Go's {@code flag} package reads them (livepeer_bench's habits):
 * {@code -name value}, {@code -name=value}, {@code --name}, and a bare {@code -name} for booleans.
 */
public final class Flags {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private record Flag(String name, String defaultValue, String help, boolean bool) {}

  private final Map<String, Flag> flags = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();

  public Flags string(String name, String defaultValue, String help) {
    flags.put(name, new Flag(name, defaultValue, help, false));
    return this;
  }

  public Flags bool(String name, boolean defaultValue, String help) {
    flags.put(name, new Flag(name, Boolean.toString(defaultValue), help, true));
    return this;
  }

  /** @throws IllegalArgumentException for an unknown flag or a missing value */
  public Flags parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Flag flag = flags.get(name);
      if (flag == null) {
        throw new IllegalArgumentException("flag provided but not defined: -" + name);
      }
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (flag.bool()) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("flag needs an argument: -" + name);
      }
      values.put(name, value);
    }
    return this;
  }

  public boolean isSet(String name) {
    return values.containsKey(name);
  }

  public String get(String name) {
    Flag flag = flags.get(name);
    if (flag == null) {
      throw new IllegalArgumentException("no flag " + name);
    }
    return values.getOrDefault(name, flag.defaultValue());
  }

  public int getInt(String name) {
    try {
      return Integer.parseInt(get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value \"" + get(name) + "\" for flag -" + name + ": not an integer");
    }
  }

  public boolean getBool(String name) {
    String value = get(name).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "1", "t" -> true;
      case "false", "0", "f" -> false;
      default -> throw new IllegalArgumentException("invalid boolean value \"" + value + "\" for flag -" + name);
    };
  }

  /** A Go duration such as {@code 300ms}, {@code 1.5s} or {@code 2m}; a bare number means milliseconds. */
  public Duration getDuration(String name) {
    String value = get(name).trim();
    if (value.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(value));
    }
    Matcher m = DURATION.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      double nanos = switch (m.group(2)) {
        case "ns" -> amount;
        case "us", "µs" -> amount * 1e3;
        case "ms" -> amount * 1e6;
        case "s" -> amount * 1e9;
        case "m" -> amount * 60e9;
        default -> amount * 3600e9;
      };
      total = total.plusNanos((long) nanos);
      end = m.end();
    }
    if (end != value.length() || end == 0) {
      throw new IllegalArgumentException("invalid duration \"" + value + "\" for flag -" + name);
    }
    return total;
  }

  public String usage() {
    StringBuilder out = new StringBuilder();
    for (Flag flag : flags.values()) {
      out.append("  -").append(flag.name()).append(flag.bool() ? "" : " value").append('\n')
          .append("    \t").append(flag.help());
      if (!flag.defaultValue().isEmpty() && !flag.defaultValue().equals("false")) {
        out.append(" (default ").append(flag.defaultValue()).append(')');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
