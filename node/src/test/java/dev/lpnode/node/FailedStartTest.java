package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that cannot start leaves nothing behind: no worker process, no event loop, no port. */
class FailedStartTest {
  @TempDir Path dir;

  @Test
  void aStartThatFailsAfterItsWorkersStartedStopsThemAgain() throws Exception {
    long before = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    long loopsBefore = eventLoops();
    String elevenRenditions = "P144p25fps16x9,P144p30fps16x9,P240p25fps16x9,P240p30fps16x9,P240p30fps4x3,P360p25fps16x9,"
        + "P360p30fps16x9,P360p30fps4x3,P576p25fps16x9,P576p30fps16x9,P720p25fps16x9"; // the transcoder test fails
    assertThatThrownBy(() -> LivepeerNode.start(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder",
        "-dataDir", dir.toString(), "-serviceAddr", "127.0.0.1:" + FreePort.next(), "-cliAddr", "127.0.0.1:0",
        "-transcodingOptions", elevenRenditions}, Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("the transcoder test failed");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ProcessHandle.current().children().filter(ProcessHandle::isAlive).count() > before
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
        .as("worker processes left running").isEqualTo(before);
    assertThat(eventLoops()).as("event loops left running").isLessThanOrEqualTo(loopsBefore);
  }

  private static long eventLoops() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("vert.x-eventloop") && t.isAlive()).count();
  }
}
