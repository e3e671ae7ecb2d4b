package dev.lpnode.bench.attack;

import dev.lpnode.bench.Machine;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lpnode demo} in a child JVM on free loopback ports: the combined node publishing the
 * sample in real time, its output in a log file. What a case costs is read from outside, as an
 * operator would: the log's growth and the process's peak resident memory ({@code VmHWM}, reset
 * through {@code /proc/<pid>/clear_refs} at each case's start).
 */
final class NodeProcess implements AutoCloseable {
  final int httpPort;
  final int rtmpPort;
  final int servicePort;
  final int cliPort;
  final Path log;
  private final Process process;

  private NodeProcess(Process process, Path log, int httpPort, int rtmpPort, int servicePort, int cliPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.rtmpPort = rtmpPort;
    this.servicePort = servicePort;
    this.cliPort = cliPort;
  }

  /** Starts the demo with {@code nodeFlags} added; returns once its playback port answers. */
  static NodeProcess startDemo(Path dir, List<String> nodeFlags, Duration startTimeout) throws IOException, InterruptedException {
    int http = Machine.freePort();
    int rtmp = Machine.freePort();
    int service = Machine.freePort();
    int cli = Machine.freePort();
    List<String> command = new ArrayList<>(Machine.lpnodeCommand(List.of("demo",
        "-dataDir", dir.resolve("node").toString(), "-httpAddr", "127.0.0.1:" + http, "-rtmpAddr", "127.0.0.1:" + rtmp,
        "-serviceAddr", "127.0.0.1:" + service, "-cliAddr", "127.0.0.1:" + cli)));
    command.addAll(nodeFlags);
    Path log = dir.resolve("node.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "attack-bench-node-stop"));
    NodeProcess node = new NodeProcess(process, log, http, rtmp, service, cli);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (node.status("/stream/demo.m3u8") != 200) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        node.close();
        throw new IOException("the demo node did not start; its log: " + Files.readString(log));
      }
      Thread.sleep(500);
    }
    return node;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The node's transcoder worker processes. */
  List<ProcessHandle> workers() {
    return process.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
  }

  long logBytes() throws IOException {
    return Files.size(log);
  }

  /** Starts a new peak-memory window. */
  void resetPeakRss() throws IOException {
    Files.writeString(Path.of("/proc/" + pid() + "/clear_refs"), "5");
  }

  /** The peak resident memory since {@link #resetPeakRss()}, in MiB; 0 once the process is gone. */
  long peakRssMiB() {
    return Machine.peakRssKiB(pid()) / 1024;
  }

  /** The HTTP status of a GET on the gateway's port; 0 when it does not answer. */
  int status(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      int code = c.getResponseCode();
      c.disconnect();
      return code;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
