package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Flags;
import dev.lpnode.bench.Machine;
import dev.lpnode.bench.OperatorApi;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.gateway.stream.LatencyWindow;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
 *   <li>With {@code -remoteTranscoders N}: the same orchestrator without {@code -transcoder}, its
 *       segments transcoded by N {@code ./lpnode -transcoder} processes ({@link RemoteTranscoders});
 *       the overhead run measures local transcoding first, then them, and gives the O–T hop; the
 *       soak kills them in turn ({@link TranscoderKills}) and must lose no segment.</li>
 *   <li>With {@code -network chain}: the overhead run against a second orchestrator on the kit's Anvil
 *       chain ({@link ChainOrchestrator}), segments alternating, with its JSON-RPC calls per paid
 *       segment and its time from start to first served segment.</li>
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
        .string("report", "15", "Soak: seconds between rows of the table")
        .string("remoteTranscoders", "0", "Transcoder processes (./lpnode -transcoder) the orchestrator hands its segments"
            + " to. Overhead: measured after the same run on local transcoding, to give the O-T hop; soak: on them only")
        .string("transcoderSessions", "0", "Each remote transcoder's -maxSessions (0: all of -sessions, so one can carry"
            + " every stream while another is down)")
        .string("network", "embedded", "Overhead: embedded alone, or chain: an orchestrator on the kit's Anvil chain"
            + " (Livepeer's contracts) beside the embedded one, segments alternating between the two")
        .string("chainKit", "../shared/chain", "With -network chain: the chain kit's directory (its start.sh)")
        .string("killEvery", "60", "Soak on remote transcoders: seconds between SIGKILLs of one of them, restarted at once"
            + " (0: none)");
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
      if (flags.getInt("remoteTranscoders") < 0 || flags.getInt("transcoderSessions") < 0 || flags.getInt("killEvery") < 0) {
        throw new IllegalArgumentException("-remoteTranscoders, -transcoderSessions and -killEvery cannot be negative");
      }
      checkNetwork(flags);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(flags.usage());
      return 2;
    }
    Path dir = Files.createTempDirectory("lpnode-orchestrator-bench");
    try (BlockedThreadWarnings blocked = BlockedThreadWarnings.install()) {
      byte[] segment = SampleSegment.cut(Path.of(flags.get("source")), dir, SampleSegment.DURATION_MS);
      int seconds = flags.getInt("seconds");
      int remote = flags.getInt("remoteTranscoders");
      out.printf(Locale.ROOT, "orchestrator bench: %s, segment of %d bytes (%d ms, first 2 s of %s), ladder %s, "
          + "-maxSessions %s, %s, %d cores; load average before: %s%n",
          seconds > 0 ? flags.get("sessions") + " streams for " + seconds + " s" : flags.get("segments") + " segments in a row",
          segment.length, SampleSegment.DURATION_MS, flags.get("source"), flags.get("transcodingOptions"),
          flags.get("maxSessions"), onChain(flags) ? "local transcoding, segments alternating between the embedded network"
              + " and an orchestrator on the kit's Anvil chain" : remote == 0 ? "local transcoding"
              : remote + " remote transcoder(s) of " + sessionsEach(flags) + " sessions" + (seconds > 0 ? "" : ", segments alternating with local transcoding"),
          Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
      if (seconds > 0) {
        try (BenchOrchestrator o = BenchOrchestrator.start(dir.resolve("soak"), flags.get("maxSessions"), ladder, remote,
            sessionsEach(flags));
            TranscoderKills kills = remote > 0 && flags.getInt("killEvery") > 0
                ? new TranscoderKills(o.remote, Duration.ofSeconds(flags.getInt("killEvery")), out) : null) {
          SoakRun soak = new SoakRun(o.gateway, o.cliPort, segment, flags.getInt("streamSegments"), blocked, kills, out);
          return soak.run(flags.getInt("sessions"), Duration.ofSeconds(seconds), Duration.ofSeconds(flags.getInt("report")))
              ? 0 : 1;
        }
      }
      byte[] warmup = SampleSegment.cut(Path.of(flags.get("source")), dir, SampleSegment.WARMUP_DURATION_MS);
      overhead(flags, dir, ladder, remote, warmup, segment, out);
      out.println("load average after: " + Machine.loadAverage());
      return 0;
    } finally {
      Machine.deleteTree(dir);
    }
  }

  /**
   * The overhead run. With remote transcoders (or on the chain network), a second orchestrator runs
   * beside the one transcoding locally on the embedded network, and the segments alternate between the
   * two, so that both see the same machine at the same time: each second segment's round trip less the
   * local one's just before it is the latency the O–T split (or the chain network) adds.
   */
  private static void overhead(Flags flags, Path dir, List<VideoProfile> ladder, int remoteTranscoders, byte[] warmup,
      byte[] segment, PrintStream out) throws Exception {
    int warmupSegments = flags.getInt("warmup");
    int segments = flags.getInt("segments");
    String farLabel = onChain(flags) ? "chain" : "remote";
    try (KitChain chain = onChain(flags) ? ChainOrchestrator.startChain(Path.of(flags.get("chainKit")), dir.resolve("anvil")) : null;
        BenchOrchestrator localO = BenchOrchestrator.start(dir.resolve("local"), flags.get("maxSessions"), ladder, 0, 0);
        BenchOrchestrator farO = chain != null ? ChainOrchestrator.start(chain, dir.resolve("chain"), flags.get("maxSessions"), ladder)
            : remoteTranscoders == 0 ? null : BenchOrchestrator.start(dir.resolve("remote"), flags.get("maxSessions"), ladder,
                remoteTranscoders, sessionsEach(flags));
        OverheadRun local = OverheadRun.open("local", localO, out);
        OverheadRun far = farO == null ? null : OverheadRun.open(farLabel, farO, out)) {
      // The second orchestrator first: it started last, so its first served segment follows its start.
      if (far != null) {
        far.warmUp(warmup, warmupSegments);
      }
      local.warmUp(warmup, warmupSegments);
      RpcCalls rpcBefore = chain == null ? null : RpcCalls.parse(OperatorApi.scrape(farO.cliPort));
      OverheadRun.printHeader(out);
      LatencyWindow added = new LatencyWindow();
      for (int i = 0; i < segments; i++) {
        long localNanos = local.measure(i, segment);
        if (far != null) {
          added.record(far.measure(i, segment) - localNanos);
        }
      }
      local.summary();
      if (far != null) {
        far.summary();
      }
      if (chain != null) {
        RpcCalls rpcAfter = RpcCalls.parse(OperatorApi.scrape(farO.cliPort));
        out.println(OverheadRun.line("added by the chain network = chain round trip - embedded round trip, per pair of segments",
            added));
        out.println(OverheadRun.verdict("chain network's added latency", added));
        out.printf(Locale.ROOT, "chain orchestrator's JSON-RPC calls per paid segment (livepeer_eth_rpc_calls_total over the %d"
            + " measured segments): %s%n", segments, rpcAfter.perSegment(rpcBefore, segments));
        out.printf(Locale.ROOT, "chain orchestrator: from its start to its first served segment: %d ms%n",
            (far.firstServedNanos() - farO.startedNanos) / 1_000_000);
      } else if (far != null) {
        out.println(OverheadRun.line("added by the O–T split = remote round trip - local round trip, per pair of segments",
            added));
        out.println(OverheadRun.verdict("O–T hop's added latency", added));
      }
    }
  }

  private static boolean onChain(Flags flags) {
    return flags.get("network").equals("chain");
  }

  /** {@code -network chain} is an overhead run on local transcoding, with the kit there. */
  private static void checkNetwork(Flags flags) {
    if (!onChain(flags)) {
      if (!flags.get("network").equals("embedded")) {
        throw new IllegalArgumentException("-network must be embedded or chain, not " + flags.get("network"));
      }
      return;
    }
    if (flags.getInt("seconds") > 0 || flags.getInt("remoteTranscoders") > 0) {
      throw new IllegalArgumentException("-network chain is an overhead run on local transcoding: no -seconds, no -remoteTranscoders");
    }
    if (!Files.isExecutable(Path.of(flags.get("chainKit")).resolve("start.sh"))) {
      throw new IllegalArgumentException("-network chain: no chain kit at -chainKit " + flags.get("chainKit")
          + " (a directory with its start.sh, see its README)");
    }
  }

  private static int sessionsEach(Flags flags) {
    int each = flags.getInt("transcoderSessions");
    return each > 0 ? each : Math.max(1, flags.getInt("sessions"));
  }
}
