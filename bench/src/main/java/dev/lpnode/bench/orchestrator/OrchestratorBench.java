package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Flags;
import dev.lpnode.bench.Machine;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.node.LivepeerNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orchestrator's targets, measured on a real orchestrator + transcoder node (transcoder worker
 * processes, the embedded network, real tickets) started in this process on loopback ports, driven
 * the way a gateway drives it: GetOrchestrator over gRPC, then {@code POST /segment} over HTTP/2 with
 * tickets from a funded gateway account, and the renditions downloaded.
 * <ul>
 *   <li>Without {@code -seconds}: the protocol overhead, {@code -segments} segments one after another
 *       after {@code -warmup} ({@link OverheadRun}).</li>
 *   <li>With {@code -seconds}: the soak, {@code -sessions} streams at once for that long
 *       ({@link SoakRun}); a {@code -maxSessions} below {@code -sessions} makes the orchestrator
 *       refuse some, which is allowed, and nothing else is.</li>
 * </ul>
 * The segment is the first 2 s of {@code -source} at 4 Mbit/s, about 1 MB ({@link SampleSegment}).
 */
public final class OrchestratorBench {
  private OrchestratorBench() {}

  static Flags flags() {
    return new Flags()
        .string("source", "testdata/bad-cuvid.ts", "Media file whose first 2 s, re-encoded at 4 Mbit/s, are the segment sent")
        .string("transcodingOptions", "P144p30fps16x9,P240p30fps16x9", "Ladder every segment asks for")
        .string("maxSessions", "10", "The orchestrator's -maxSessions")
        .string("segments", "30", "Overhead: segments measured")
        .string("warmup", "1000", "Overhead: short segments (0.1 s) sent first, unmeasured, so the JIT has compiled the per-segment code")
        .string("seconds", "0", "Soak: how long to run (0: measure the overhead instead)")
        .string("sessions", "8", "Soak: streams sending at once")
        .string("streamSegments", "30", "Soak: segments per stream before it ends and a new one starts")
        .string("report", "15", "Soak: seconds between rows of the table");
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs the bench; returns the process exit status (1 when the soak saw errors other than capacity). */
  public static int run(String[] args) throws Exception {
    return run(args, System.out);
  }

  static int run(String[] args, PrintStream out) throws Exception {
    Flags flags = flags();
    List<VideoProfile> ladder;
    try {
      flags.parse(args);
      ladder = LadderParser.parsePresets(flags.get("transcodingOptions"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(flags.usage());
      return 2;
    }
    Path dir = Files.createTempDirectory("lpnode-orchestrator-bench");
    try (BlockedThreadWarnings blocked = BlockedThreadWarnings.install()) {
      byte[] segment = SampleSegment.cut(Path.of(flags.get("source")), dir, SampleSegment.DURATION_MS);
      int servicePort = Machine.freePort();
      int cliPort = Machine.freePort();
      String service = "127.0.0.1:" + servicePort;
      LivepeerNode node = LivepeerNode.start(ConfigLoader.load(new String[] {"-orchestrator", "-transcoder",
          "-network", "embedded", "-monitor", "-dataDir", dir.resolve("orchestrator").toString(), "-serviceAddr", service,
          "-httpAddr", service, "-cliAddr", "127.0.0.1:" + cliPort, "-maxSessions", flags.get("maxSessions")}, Map.of()));
      try (BenchGateway gateway = new BenchGateway(dir.resolve("gateway"), "https://" + service, ladder)) {
        gateway.fundOnOrchestratorNetwork(cliPort);
        int seconds = flags.getInt("seconds");
        out.printf(Locale.ROOT, "orchestrator bench: %s, segment of %d bytes (%d ms, first 2 s of %s), ladder %s, "
            + "-maxSessions %s, %d cores; load average before: %s%n",
            seconds > 0 ? flags.get("sessions") + " streams for " + seconds + " s" : flags.get("segments") + " segments in a row",
            segment.length, SampleSegment.DURATION_MS, flags.get("source"), flags.get("transcodingOptions"),
            flags.get("maxSessions"), Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
        if (seconds <= 0) {
          byte[] warmup = SampleSegment.cut(Path.of(flags.get("source")), dir, SampleSegment.WARMUP_DURATION_MS);
          OverheadRun.run(gateway, cliPort, warmup, segment, flags.getInt("warmup"), flags.getInt("segments"), out);
          return 0;
        }
        SoakRun soak = new SoakRun(gateway, cliPort, segment, flags.getInt("streamSegments"), blocked, out);
        return soak.run(flags.getInt("sessions"), Duration.ofSeconds(seconds), Duration.ofSeconds(flags.getInt("report")))
            ? 0 : 1;
      } finally {
        node.stop(Duration.ofSeconds(10));
      }
    } finally {
      Machine.deleteTree(dir);
    }
  }
}
