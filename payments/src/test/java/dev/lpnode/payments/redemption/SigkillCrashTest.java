package dev.lpnode.payments.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.testing.MutableClock;
import dev.lpnode.payments.ticket.Bytes32;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real orchestrator process acknowledges payments with winning tickets and is killed with
 * SIGKILL in the middle of the stream; every acknowledged winner must be in the store afterwards.
 */
class SigkillCrashTest {
  private static final int ACKS_BEFORE_KILL = 60;

  @TempDir
  Path dir;

  @Test
  void acknowledgedWinningTicketsSurviveSigkill() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString())
        .redirectError(dir.resolve("child-stderr.txt").toFile())
        .start();
    // Whatever happens, the child does not outlive the test.
    CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS).execute(child::destroyForcibly);
    List<String> acknowledged = new ArrayList<>();
    int acks = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        assertThat(line).startsWith("ACK");
        acknowledged.addAll(Arrays.asList(line.substring(4).split(" ")));
        if (++acks == ACKS_BEFORE_KILL) {
          sigkill(child); // keeps reading: ACKs already written are still in the pipe
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
    assertThat(acks).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(acknowledged).hasSize(acks * 3);

    try (WinningTicketStore store = WinningTicketStore.open(dir.resolve("tickets.db"), new MutableClock())) {
      for (String hash : acknowledged) {
        assertThat(store.find(Bytes32.fromHex(hash))).as("acknowledged ticket %s", hash).isPresent();
      }
    }
  }

  /** kill -KILL: unlike Process.destroyForcibly it leaves our end of the child's stdout open. */
  private static void sigkill(Process child) throws Exception {
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }
}
