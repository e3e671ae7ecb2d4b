package dev.lpnode.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the effective configuration as the table the node prints at start, and the help text. */
public final class ConfigTable {
  private ConfigTable() {}

  public static String render(NodeConfig config) {
    List<String[]> rows = new ArrayList<>();
    for (Flag<?> f : config.flags()) {
      if (f == Flags.HELP || f == Flags.VERSION || f == Flags.CONFIG && !config.isSet(f)) {
        continue;
      }
      rows.add(new String[] {"-" + f.name(), display(f, config.get(f)), config.source(f).name().toLowerCase()});
    }
    int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(4);
    int w1 = Math.min(60, rows.stream().mapToInt(r -> r[1].length()).max().orElse(5));
    StringBuilder sb = new StringBuilder("Effective configuration:\n");
    String format = "  %-" + w0 + "s  %-" + w1 + "s  %s%n";
    sb.append(String.format(format, "flag", "value", "source"));
    for (String[] r : rows) {
      sb.append(String.format(format, r[0], r[1], r[2]));
    }
    return sb.toString();
  }

  private static String display(Flag<?> flag, Object value) {
    if (value == null) {
      return "(unset)";
    }
    if (flag.isSecret()) {
      return value.toString().isEmpty() ? "(empty)" : "********";
    }
    if (flag == Flags.TRANSCODING_OPTIONS) {
      return ((List<?>) value).stream()
          .map(p -> ((dev.lpnode.config.ladder.VideoProfile) p).name())
          .collect(Collectors.joining(","));
    }
    if (value instanceof BigInteger || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "(none)" : list.stream().map(Object::toString).collect(Collectors.joining(","));
    }
    return value.toString();
  }

  public static String help(List<Flag<?>> flags) {
    StringBuilder sb = new StringBuilder("Usage: lpnode [flags]   (go-livepeer flag names; also -config <file> and LP_<FLAG> variables)\n");
    String group = null;
    for (Flag<?> f : flags) {
      if (!f.group().equals(group)) {
        group = f.group();
        sb.append('\n').append(group).append(":\n");
      }
      String def = f.defaultValue() == null || f.isSecret() ? "" : " (default " + display(f, f.defaultValue()) + ")";
      sb.append(String.format("  -%-24s %s%s%n", f.name(), f.help(), def));
    }
    return sb.toString();
  }
}
