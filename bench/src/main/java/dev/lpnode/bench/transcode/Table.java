package dev.lpnode.bench.transcode;

import java.util.ArrayList;
import java.util.List;

/** A two-column table drawn like livepeer_bench's (tablewriter with '*' corners and '|' columns). */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table row(String name, Object value) {
    rows.add(new String[] {name, String.valueOf(value)});
    return this;
  }

  String render() {
    int left = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int right = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    String line = "*" + "-".repeat(left + 2) + "*" + "-".repeat(right + 2) + "*\n";
    StringBuilder out = new StringBuilder(line);
    for (String[] row : rows) {
      out.append("| ").append(pad(row[0], left)).append(" | ").append(pad(row[1], right)).append(" |\n");
    }
    return out.append(line).toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
