package dev.lpnode.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What the benches read from the machine they run on (free loopback ports, the load, resident memory) and their temporary files. */
public final class Machine {
  private Machine() {}

  /** A port free on this machine now, for a server the bench starts next. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The command that runs {@code ./lpnode} with {@code args} in a child JVM: this JVM's classpath, the script's JVM flags. */
  public static List<String> lpnodeCommand(List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
        "-Dorg.bytedeco.javacpp.maxBytes=0", "-Dorg.bytedeco.javacpp.platform.extension=-gpl",
        "-cp", System.getProperty("java.class.path"), "dev.lpnode.node.Main"));
    command.addAll(args);
    return command;
  }

  /** The 1-minute load average: other work on a 2-core machine skews every timing. */
  public static String loadAverage() {
    return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** VmRSS of a process in KiB, from /proc (Linux); 0 once it is gone. */
  public static long rssKiB(long pid) {
    return statusKiB(pid, "VmRSS:");
  }

  /** VmHWM, the peak resident memory of a process in KiB (since start or its last clear_refs reset); 0 once it is gone. */
  public static long peakRssKiB(long pid) {
    return statusKiB(pid, "VmHWM:");
  }

  private static long statusKiB(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return 0;
  }

  /** Deletes a directory the bench made, with everything in it. */
  public static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
