package dev.lpnode.wire;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version comparison of Livepeer's capability check: numeric major.minor.patch, pre-release suffix ignored. */
final class SemVer {
  private static final Pattern VERSION = Pattern.compile("^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-+].*)?$");

  private SemVer() {}

  /** Whether {@code version} is a valid version at least {@code minimum}; an unparsable version never is. */
  static boolean atLeast(String version, String minimum) {
    int[] have = parse(version);
    int[] want = parse(minimum);
    if (have == null || want == null) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (have[i] != want[i]) {
        return have[i] > want[i];
      }
    }
    return true;
  }

  private static int[] parse(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version.trim());
    if (!m.matches()) {
      return null;
    }
    int[] parts = new int[3];
    for (int i = 0; i < 3; i++) {
      String g = m.group(i + 1);
      parts[i] = g == null ? 0 : Integer.parseInt(g);
    }
    return parts;
  }
}
