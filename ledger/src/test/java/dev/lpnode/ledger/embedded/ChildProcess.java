package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test's child JVM that prints {@code acknowledged …} lines until it is killed with SIGKILL. */
final class ChildProcess {
  private ChildProcess() {}

  /**
   * Runs {@code mainClass} with {@code args} until it printed {@code lines} acknowledgements, lets
   * it run {@code extraMillis} longer and kills it; returns what followed "acknowledged " on the
   * lines read (acknowledgements printed after the last one read are not counted: fewer is still a
   * valid check).
   */
  static List<String> runAndKill(Class<?> mainClass, List<String> args, Path log, int lines, int extraMillis) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(args);
    Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
    try {
      List<String> acknowledged = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        while (acknowledged.size() < lines) {
          String line = out.readLine();
          if (line == null) {
            throw new AssertionError("child ended early: " + String.join("\n", tail(log)));
          }
          if (line.startsWith("acknowledged ")) {
            acknowledged.add(line.substring("acknowledged ".length()));
          }
        }
        Thread.sleep(extraMillis);
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      }
      return acknowledged;
    } finally {
      child.destroyForcibly();
    }
  }

  private static List<String> tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return lines.subList(Math.max(0, lines.size() - 30), lines.size());
  }
}
