package dev.lpnode.node.demo;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.gateway.GatewayServer;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.stream.IngestStats;
import dev.lpnode.node.GatewayRole;
import dev.lpnode.node.LivepeerNode;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lpnode demo}: the main job in one command. Starts a combined node (gateway, orchestrator
 * and transcoder on the embedded network in {@code ~/.lpData/demo}, paying with real tickets from
 * the gateway's funded account), publishes the project's sample video to it over RTMP in real
 * time, looping, and prints the playback URL and a live status line. Any node flag may follow
 * ({@code ./lpnode demo -httpAddr 0.0.0.0:9935}); Ctrl-C stops it.
 */
public final class Demo {
  /** The stream key the sample is published under. */
  static final String STREAM = "demo";
  static final String SAMPLE = "testdata/bad-cuvid.ts";

  private Demo() {}

  /** The node's configuration for the demo: the combined roles on the embedded network, then the operator's flags. */
  static NodeConfig config(List<String> operatorArgs) {
    List<String> args = new ArrayList<>(List.of("-gateway", "-orchestrator", "-transcoder", "-network", "embedded",
        "-monitor"));
    if (!operatorArgs.contains("-dataDir") && !operatorArgs.contains("-datadir")) {
      args.addAll(List.of("-dataDir", Path.of(System.getProperty("user.home"), ".lpData", "demo").toString()));
    }
    args.addAll(operatorArgs);
    return ConfigLoader.load(args.toArray(String[]::new), Map.of());
  }

  /** Runs until the JVM is stopped; returns the exit status if it could not start. */
  public static int run(List<String> operatorArgs, PrintStream out) {
    NodeConfig config;
    Path sample;
    try {
      config = config(operatorArgs);
      sample = locateSample().orElseThrow(() -> new ConfigException("cannot find the sample " + SAMPLE
          + ": run ./lpnode demo from the project's checkout"));
    } catch (ConfigException e) {
      System.err.println("lpnode demo: " + e.getMessage());
      return 2;
    }
    LivepeerNode node;
    try {
      node = LivepeerNode.start(config);
    } catch (ConfigException e) {
      System.err.println("lpnode demo: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("lpnode demo: could not start: " + e.getMessage()
          + " (is another node using ports 1935, 7935, 8935 or 9935? choose others with -rtmpAddr, -cliAddr,"
          + " -serviceAddr, -httpAddr)");
      return 1;
    }
    GatewayRole gateway = node.gateway().orElseThrow();
    HostPort rtmp = config.get(Flags.RTMP_ADDR);
    SamplePublisher publisher = new SamplePublisher(sample, "rtmp://" + connectable(rtmp.host()) + ":"
        + gateway.server().rtmpPort() + "/live/" + STREAM);
    HostPort http = config.gatewayHttpAddr();
    out.printf("%nlpnode demo: %s is being published over RTMP and transcoded with real tickets.%n", sample.getFileName());
    out.printf("Watch it at   http://%s:%d/player/%s%n", connectable(http.host()), gateway.server().httpPort(), STREAM);
    out.printf("HLS playlist  http://%s:%d/stream/%s.m3u8%n", connectable(http.host()), gateway.server().httpPort(), STREAM);
    out.printf("Metrics       http://%s/metrics     Ctrl-C stops.%n%n", config.cliAddr());

    boolean tty = System.console() != null;
    ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-status");
      t.setDaemon(true);
      return t;
    });
    status.scheduleAtFixedRate(() -> {
      String line = statusLine(gateway.server(), gateway.processor().metrics());
      if (tty) {
        out.print("\r" + line + "   ");
      } else {
        out.println(line);
      }
      out.flush();
    }, 2, tty ? 2 : 10, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      status.shutdownNow();
      try {
        publisher.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.println();
      node.stop(Duration.ofSeconds(10));
    }, "lpnode-demo-shutdown"));
    return 0;
  }

  /**
   * Segments in, transcoded, the median from "segment received" to "all renditions listed", and what
   * the gateway paid: tickets sent and their expected value.
   */
  static String statusLine(GatewayServer server, GatewayMetrics metrics) {
    IngestStats.Snapshot ingest = server.stats().snapshot();
    GatewayMetrics.Totals totals = metrics.totals();
    String latency = ingest.latencyMedianMicros() < 0 ? "-" : String.format(Locale.ROOT, "%.2f s",
        ingest.latencyMedianMicros() / 1e6);
    return String.format(Locale.ROOT, "segments in %d | transcoded %d | failed %d | latency %s (median, received -> "
        + "listed) | tickets sent %d | paid %s gwei", ingest.received(), totals.transcoded(), totals.failed(), latency,
        totals.ticketsSent(), totals.valueSentWei().movePointLeft(9).setScale(3, RoundingMode.HALF_UP)
            .toPlainString());
  }

  /** A listen address a local client can dial: 0.0.0.0 means this machine. */
  private static String connectable(String host) {
    return host.equals("0.0.0.0") || host.isEmpty() ? "127.0.0.1" : host;
  }

  /** The sample in the project's checkout: beside the working directory or above this code's location. */
  static Optional<Path> locateSample() {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("").toAbsolutePath());
    try {
      roots.add(Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // only the working directory is searched
    }
    for (Path root : roots) {
      for (Path dir = root; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(SAMPLE);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
