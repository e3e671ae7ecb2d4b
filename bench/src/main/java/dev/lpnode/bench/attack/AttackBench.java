package dev.lpnode.bench.attack;

import dev.lpnode.bench.Flags;
import dev.lpnode.bench.Machine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lpnode bench -attack}: issue 16's hostile inputs (items 1–9) replayed against a running
 * demo node ({@code ./lpnode demo} in a child JVM: gateway, orchestrator and transcoder publishing
 * the sample in real time) while its live stream plays. Per case, one CSV row on stdout: the
 * segments the live stream listed and lost (gaps in its playlist) from the case's start until it
 * lists segments again after the settle time (so an outage counts against the case that caused it), the node's peak resident memory during the case, the bytes its log grew by, and
 * what the attacker saw. A table of the same follows at the end. Sizes are flags; the defaults are
 * the full-size cases.
 */
public final class AttackBench {
  /** The longest wait for the live stream to recover after a case. */
  private static final long MAX_SETTLE_NANOS = TimeUnit.MINUTES.toNanos(10);
  static final String CSV_HEADER = "case,seconds,live_listed,live_lost,live_restarts,peak_rss_mib,log_bytes,note";

  private interface Case {
    String run() throws Exception;
  }

  private AttackBench() {}

  static Flags flags() {
    return new Flags()
        .string("sample", "testdata/bad-cuvid.ts", "The real video the cases send (run from the repository root)")
        .string("cases", "all", "Comma-separated cases, or all: " + String.join(",", caseNames()))
        .string("segmentMB", "200", "Size of the real-video segment declared as 2 s (to /segment and pushed)")
        .string("randomPushMB", "200", "Size of the push of random bytes")
        .string("parallelPushMB", "290", "Size of each parallel push")
        .string("parallelPushes", "4", "Parallel pushes")
        .string("trickles", "500", "PUTs trickled at 100 B/s")
        .string("trickleSeconds", "120", "How long trickled connections (PUTs and TLS headers) are fed")
        .string("bareRtmp", "140", "Bare TCP connections to the RTMP port before a real publisher tries")
        .string("badRequests", "100000", "Requests with an invalid URL escape (%u002e)")
        .string("tlsTrickles", "200", "TLS connections trickling headers on the orchestrator's port")
        .string("publishers", "20", "RTMP publishers at once (overload)")
        .string("overloadSeconds", "120", "How long the overload lasts")
        .string("settleSeconds", "40", "Wait after each case (then until the live stream lists a new segment, at most 10 min) before counting its losses")
        .string("warmupSeconds", "30", "Live stream alone before the first case")
        .string("nodeFlags", "", "Extra flags for the demo node, space-separated");
  }

  private static List<String> caseNames() {
    return List.of("segment-orch", "segment-push", "worker-kill", "push-random", "push-parallel", "push-trickle",
        "rtmp-lockout", "bad-escape", "tls-trickle", "csrf", "overload");
  }

  public static int run(String[] args) throws Exception {
    return run(args, System.out);
  }

  static int run(String[] args, PrintStream out) throws Exception {
    Flags flags = flags();
    List<String> chosen;
    Attacks.Sizes sizes;
    try {
      flags.parse(args);
      chosen = flags.get("cases").equals("all") ? caseNames() : Arrays.asList(flags.get("cases").split(","));
      for (String c : chosen) {
        if (!caseNames().contains(c)) {
          throw new IllegalArgumentException("unknown case " + c + "; cases: " + String.join(",", caseNames()));
        }
      }
      sizes = new Attacks.Sizes(mb(flags, "segmentMB"), mb(flags, "randomPushMB"), mb(flags, "parallelPushMB"),
          flags.getInt("parallelPushes"), flags.getInt("trickles"), Duration.ofSeconds(flags.getInt("trickleSeconds")),
          flags.getInt("bareRtmp"), flags.getInt("badRequests"), flags.getInt("tlsTrickles"), flags.getInt("publishers"),
          Duration.ofSeconds(flags.getInt("overloadSeconds")));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(flags.usage());
      return 2;
    }
    Path dir = Files.createTempDirectory("lpnode-attack-bench");
    List<String> nodeFlags = flags.get("nodeFlags").isBlank() ? List.of() : List.of(flags.get("nodeFlags").trim().split("\\s+"));
    List<String> rows = new ArrayList<>();
    try (NodeProcess node = NodeProcess.startDemo(dir, nodeFlags, Duration.ofMinutes(3));
        LiveStreamWatch live = new LiveStreamWatch(node.httpPort)) {
      Attacks attacks = new Attacks(node, sizes, dir, Path.of(flags.get("sample")).toAbsolutePath());
      Map<String, Case> cases = new LinkedHashMap<>();
      cases.put("segment-orch", attacks::paidSegmentToOrchestrator);
      cases.put("segment-push", attacks::realVideoPush);
      cases.put("worker-kill", attacks::killWorkerTwice);
      cases.put("push-random", attacks::randomPush);
      cases.put("push-parallel", attacks::parallelPushes);
      cases.put("push-trickle", attacks::trickledPushes);
      cases.put("rtmp-lockout", attacks::rtmpLockout);
      cases.put("bad-escape", attacks::badEscapes);
      cases.put("tls-trickle", attacks::trickledTlsHeaders);
      cases.put("csrf", attacks::crossSiteForm);
      cases.put("overload", attacks::overload);
      out.printf(Locale.ROOT, "attack bench: demo node pid %d (gateway :%d, RTMP :%d, orchestrator :%d, operator API :%d),"
          + " %d cores, load %s; warm-up %d s%n", node.pid(), node.httpPort, node.rtmpPort, node.servicePort, node.cliPort,
          Runtime.getRuntime().availableProcessors(), Machine.loadAverage(), flags.getInt("warmupSeconds"));
      Thread.sleep(TimeUnit.SECONDS.toMillis(flags.getInt("warmupSeconds")));
      out.println(CSV_HEADER);
      for (String name : chosen) {
        String row = runCase(name, cases.get(name), node, live, flags.getInt("settleSeconds"));
        rows.add(row);
        out.println(row);
        out.flush();
      }
      out.println();
      out.print(table(rows));
      out.printf(Locale.ROOT, "node %s at the end; load %s%n", node.alive() ? "alive" : "DEAD", Machine.loadAverage());
    } finally {
      Machine.deleteTree(dir);
    }
    return 0;
  }

  private static long mb(Flags flags, String name) {
    return (long) flags.getInt(name) * 1_000_000L;
  }

  private static String runCase(String name, Case attack, NodeProcess node, LiveStreamWatch live, int settleSeconds)
      throws Exception {
    LiveStreamWatch.Mark mark = live.mark();
    long logBefore = node.logBytes();
    node.resetPeakRss();
    long started = System.nanoTime();
    String note;
    try {
      note = attack.run();
    } catch (Exception e) {
      note = "bench error: " + e;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    // An outage the case caused is its own: wait until the live stream lists a segment again (or give up).
    LiveStreamWatch.Mark ended = live.mark();
    long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
    long giveUp = System.nanoTime() + MAX_SETTLE_NANOS;
    while (System.nanoTime() < settled || (live.since(ended).listed() == 0 && System.nanoTime() < giveUp)) {
      Thread.sleep(1000);
    }
    LiveStreamWatch.Window window = live.since(mark);
    return String.join(",", name, Long.toString(seconds), Integer.toString(window.listed()), Integer.toString(window.lost()),
        Integer.toString(window.restarts()), Long.toString(node.peakRssMiB()), Long.toString(node.logBytes() - logBefore),
        "\"" + note.replace("\"", "'") + "\"");
  }

  /** The CSV rows as an aligned table. */
  static String table(List<String> rows) {
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%-14s %6s %7s %5s %8s %9s %11s  %s%n", "case", "sec",
        "listed", "lost", "restarts", "peak MiB", "log bytes", "what the attacker saw"));
    for (String row : rows) {
      String[] f = row.split(",", 8);
      t.append(String.format(Locale.ROOT, "%-14s %6s %7s %5s %8s %9s %11s  %s%n", f[0], f[1], f[2], f[3], f[4], f[5], f[6],
          f[7].replaceAll("^\"|\"$", "")));
    }
    return t.toString();
  }
}
