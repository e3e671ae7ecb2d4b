package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Machine;
import dev.lpnode.bench.OperatorApi;
import dev.lpnode.bench.OperatorApi.TranscodeTotals;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lpnode -transcoder} processes serving the bench's orchestrator, as an operator runs them
 * on other machines: each a child JVM with its own worker processes, {@code -cliAddr} and log. One
 * can be SIGKILLed and started again. Their transcode totals are read from their own metrics.
 */
final class RemoteTranscoders implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final TranscodeTotals ZERO = new TranscodeTotals(0, 0);

  private final Path dir;
  private final Path secret;
  private final String orchestrator;
  private final int sessionsEach;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> cliPorts = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private int started;

  private RemoteTranscoders(Path dir, Path secret, String orchestrator, int sessionsEach) {
    this.dir = dir;
    this.secret = secret;
    this.orchestrator = orchestrator;
    this.sessionsEach = sessionsEach;
  }

  /** Starts {@code count} transcoders of {@code sessionsEach} sessions; returns once all are registered. */
  static RemoteTranscoders start(Path dir, Path secret, String orchestrator, int count, int sessionsEach)
      throws IOException, InterruptedException {
    RemoteTranscoders transcoders = new RemoteTranscoders(dir, secret, orchestrator, sessionsEach);
    try {
      for (int i = 0; i < count; i++) {
        transcoders.processes.add(null);
        transcoders.cliPorts.add(0);
        transcoders.logs.add(null);
        transcoders.launch(i);
      }
      for (int i = 0; i < count; i++) {
        transcoders.awaitRegistered(i);
      }
    } catch (IOException | RuntimeException e) {
      transcoders.close();
      throw e;
    }
    return transcoders;
  }

  int count() {
    return processes.size();
  }

  /** SIGKILL: the transcoder drops whatever it holds, as a crashed machine would. */
  void kill(int index) throws InterruptedException {
    Process p = processes.get(index);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts transcoder {@code index} again (after {@link #kill}); returns once it is registered. */
  void restart(int index) throws IOException, InterruptedException {
    launch(index);
    awaitRegistered(index);
  }

  /** What the transcoders' own timers add up to: segments fetched, transcoded, and their results posted. */
  record Totals(TranscodeTotals download, TranscodeTotals transcode, TranscodeTotals upload) {
    Totals minus(Totals earlier) {
      return new Totals(download.minus(earlier.download), transcode.minus(earlier.transcode), upload.minus(earlier.upload));
    }
  }

  /** Their timers summed over all of them; a transcoder that was killed since starts from zero again. */
  Totals totals() throws IOException, InterruptedException {
    Totals sum = new Totals(ZERO, ZERO, ZERO);
    for (int port : cliPorts) {
      String scrape = OperatorApi.scrape(port);
      sum = new Totals(plus(sum.download, OperatorApi.timer(scrape, "livepeer_download_time", "trcr")),
          plus(sum.transcode, OperatorApi.timer(scrape, "livepeer_transcode_time", "trcr")),
          plus(sum.upload, OperatorApi.timer(scrape, "livepeer_upload_time", "trcr")));
    }
    return sum;
  }

  private static TranscodeTotals plus(TranscodeTotals a, TranscodeTotals b) {
    return new TranscodeTotals(a.count() + b.count(), a.seconds() + b.seconds());
  }

  private void launch(int index) throws IOException {
    int cliPort = Machine.freePort();
    Path log = dir.resolve("transcoder-" + index + "-" + ++started + ".log");
    Process p = new ProcessBuilder(Machine.lpnodeCommand(List.of("-transcoder", "-orchAddr", orchestrator,
        "-orchSecret", secret.toString(), "-maxSessions", Integer.toString(sessionsEach), "-monitor",
        "-cliAddr", "127.0.0.1:" + cliPort, "-dataDir", dir.resolve("transcoder-" + index).toString())))
        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    processes.set(index, p);
    cliPorts.set(index, cliPort);
    logs.set(index, log);
  }

  /** Waits until the transcoder's {@code /healthz} says it is registered with the orchestrator. */
  private void awaitRegistered(int index) throws IOException, InterruptedException {
    Process p = processes.get(index);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    URI healthz = URI.create("http://127.0.0.1:" + cliPorts.get(index) + "/healthz");
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("transcoder " + index + " exited with " + p.exitValue() + ": " + lastLog(index));
      }
      try {
        if (OperatorApi.call(HttpRequest.newBuilder(healthz)).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // its JVM and transcoder test are still starting
      }
      Thread.sleep(200);
    }
    throw new IOException("transcoder " + index + " did not register within " + START_TIMEOUT + ": " + lastLog(index));
  }

  private String lastLog(int index) {
    try {
      return Files.readString(logs.get(index));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM: each drains and exits. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      if (p != null) {
        p.destroy();
      }
    }
    for (Process p : processes) {
      if (p != null && !p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
