package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Machine;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.node.LivepeerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator under test, in this process on loopback ports (embedded network, {@code
 * -monitor}), with the bench's gateway funded on its network. It transcodes itself ({@code
 * -transcoder}: worker processes), or hands every segment to {@link RemoteTranscoders} it accepts
 * with {@code -orchSecret}.
 */
final class BenchOrchestrator implements AutoCloseable {
  /** The bench's gateway for an orchestrator just started, given where it serves and its operator API's port. */
  interface GatewayOpener {
    BenchGateway open(Path dir, String serviceUri, int cliPort) throws Exception;
  }

  /** {@link System#nanoTime()} when the node was started. */
  final long startedNanos;
  final int cliPort;
  final BenchGateway gateway;
  /** Null when the orchestrator transcodes itself. */
  final RemoteTranscoders remote;
  private final LivepeerNode node;

  private BenchOrchestrator(long startedNanos, LivepeerNode node, int cliPort, BenchGateway gateway,
      RemoteTranscoders remote) {
    this.startedNanos = startedNanos;
    this.node = node;
    this.cliPort = cliPort;
    this.gateway = gateway;
    this.remote = remote;
  }

  /**
   * @param remoteTranscoders 0 to transcode locally; else how many transcoder processes to start
   * @param sessionsEach      each remote transcoder's {@code -maxSessions}
   */
  static BenchOrchestrator start(Path dir, String maxSessions, List<VideoProfile> ladder, int remoteTranscoders,
      int sessionsEach) throws Exception {
    return start(dir, maxSessions, List.of("-network", "embedded"), remoteTranscoders, sessionsEach, (gatewayDir, uri, cli) -> {
      BenchGateway gateway = new BenchGateway(gatewayDir, uri, ladder);
      gateway.fundOnOrchestratorNetwork(cli);
      return gateway;
    });
  }

  /**
   * @param networkFlags the node's network (and its account, prices, …) flags
   * @param gateway      opens the bench's gateway on that network, funded there
   */
  static BenchOrchestrator start(Path dir, String maxSessions, List<String> networkFlags, int remoteTranscoders,
      int sessionsEach, GatewayOpener gateway) throws Exception {
    Files.createDirectories(dir);
    int servicePort = Machine.freePort();
    int cliPort = Machine.freePort();
    String service = "127.0.0.1:" + servicePort;
    List<String> flags = new ArrayList<>(networkFlags);
    flags.addAll(List.of("-orchestrator", "-monitor",
        "-dataDir", dir.resolve("orchestrator").toString(), "-serviceAddr", service, "-httpAddr", service,
        "-cliAddr", "127.0.0.1:" + cliPort, "-maxSessions", maxSessions));
    Path secret = dir.resolve("orchSecret");
    if (remoteTranscoders > 0) {
      Files.writeString(secret, "bench-secret-" + System.nanoTime() + "\n");
      flags.addAll(List.of("-orchSecret", secret.toString()));
    } else {
      flags.add("-transcoder");
    }
    long started = System.nanoTime();
    LivepeerNode node = LivepeerNode.start(ConfigLoader.load(flags.toArray(String[]::new), Map.of()));
    RemoteTranscoders remote = null;
    BenchGateway opened = null;
    try {
      if (remoteTranscoders > 0) {
        remote = RemoteTranscoders.start(dir, secret, service, remoteTranscoders, sessionsEach);
      }
      opened = gateway.open(dir.resolve("gateway"), "https://" + service, cliPort);
      return new BenchOrchestrator(started, node, cliPort, opened, remote);
    } catch (Exception e) {
      new BenchOrchestrator(started, node, cliPort, opened, remote).close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (gateway != null) {
        gateway.close();
      }
      if (remote != null) {
        remote.close();
      }
    } finally {
      node.stop(Duration.ofSeconds(10));
    }
  }
}
