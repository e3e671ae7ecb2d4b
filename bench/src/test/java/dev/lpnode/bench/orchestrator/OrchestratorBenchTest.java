package dev.lpnode.bench.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.eth.kit.KitChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The orchestrator bench end to end on a real node, briefly: its tables and verdicts, not its figures. */
class OrchestratorBenchTest {
  private static final String SOURCE = Path.of(System.getProperty("lpnode.testdata"), "bad-cuvid.ts").toString();

  @Test
  void overheadModeMeasuresEverySegmentAgainstTheOrchestratorsTranscodeTime() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = OrchestratorBench.run(new String[] {"-source", SOURCE, "-segments", "3", "-warmup", "1"},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(status).as(text).isZero();
    List<String> rows = rows(text, "local");
    assertThat(rows).as(text).hasSize(3);
    for (String row : rows) {
      String[] cells = row.trim().split("\\s+");
      double roundTrip = Double.parseDouble(cells[6]);
      double transcode = Double.parseDouble(cells[7]);
      assertThat(transcode).as(row).isPositive().isLessThan(roundTrip);
    }
    assertThat(text).containsPattern("segment of \\d{6,7} bytes")
        .containsPattern("protocol overhead \\(median\\): \\d+\\.\\d ms \\(target ≤ 15 ms\\): (met|MISSED)");
  }

  @Test
  void soakCountsCapacityRefusalsAsAllowedAndReportsMemory() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = OrchestratorBench.run(new String[] {"-source", SOURCE, "-sessions", "2", "-maxSessions", "1",
        "-seconds", "8", "-report", "4", "-streamSegments", "2"}, new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(status).as(text).isZero();
    assertThat(text).containsPattern("segments ok: [1-9]\\d*").containsPattern("OrchestratorCapped [1-9]\\d*")
        .contains("other errors: none", "soak: passed")
        .containsPattern("heap used after GC \\(MiB\\): first row \\d+\\.\\d, last row")
        .containsPattern("workers RSS \\(MiB\\): first row [1-9]\\d*\\.\\d")
        .containsPattern("Vert.x blocked-thread warnings: \\d+");
  }

  @Test
  void onRemoteTranscodersTheOverheadRunGivesEachSegmentsHopAgainstLocalTranscoding() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = OrchestratorBench.run(new String[] {"-source", SOURCE, "-segments", "2", "-warmup", "1",
        "-remoteTranscoders", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(status).as(text).isZero();
    assertThat(rows(text, "local")).as(text).hasSize(2);
    List<String> rows = rows(text, "remote");
    assertThat(rows).as(text).hasSize(2);
    for (String row : rows) {
      String[] cells = row.trim().split("\\s+");
      double transcode = Double.parseDouble(cells[7]);
      double hop = Double.parseDouble(cells[9]);
      assertThat(hop).as("the hop is part of the orchestrator's transcode time: %s", row).isPositive().isLessThan(transcode);
    }
    String remote = text.substring(text.indexOf("remote transcoding:"));
    assertThat(remote).containsPattern("O–T hop = orchestrator transcode - remote transcoder's transcode, per segment: median")
        .containsPattern("the transcoder fetching the segment: median \\d+\\.\\d ms")
        .containsPattern("added by the O–T split = remote round trip - local round trip, per pair of segments: median -?\\d")
        .containsPattern("O–T hop's added latency \\(median\\): -?\\d+\\.\\d ms \\(target ≤ 15 ms\\): (met|MISSED)");
  }

  @Test
  void onTheChainNetworkTheOverheadRunGivesTheAddedLatencyAndNoRequestTimeRpcCall() throws Exception {
    Optional<Path> kit = KitChain.kit();
    Assumptions.assumeTrue(kit.isPresent(), "no chain kit at ../shared/chain beside the checkout: skipped");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = OrchestratorBench.run(new String[] {"-source", SOURCE, "-segments", "2", "-warmup", "1",
        "-network", "chain", "-chainKit", kit.get().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(status).as(text).isZero();
    assertThat(rows(text, "local")).as(text).hasSize(2);
    assertThat(rows(text, "chain")).as(text).hasSize(2);
    assertThat(text).contains("chain transcoding:")
        .containsPattern("added by the chain network = chain round trip - embedded round trip, per pair of segments: median -?\\d")
        .containsPattern("chain network's added latency \\(median\\): -?\\d+\\.\\d ms \\(target ≤ 15 ms\\): (met|MISSED)")
        .containsPattern("chain orchestrator: from its start to its first served segment: [1-9]\\d* ms")
        .containsPattern("chain orchestrator's JSON-RPC calls per paid segment \\(livepeer_eth_rpc_calls_total over the 2"
            + " measured segments\\): .*caller=\"request\" 0\\.00");
  }

  @Test
  void theChainNetworkWithoutItsKitIsABadFlag() throws Exception {
    int status = OrchestratorBench.run(new String[] {"-network", "chain", "-chainKit", "/nonexistent/chain"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
  }

  /** The table's rows of segments sent to the orchestrator labelled {@code on}. */
  private static List<String> rows(String text, String on) {
    return Arrays.stream(text.split("\\R")).filter(l -> l.matches("\\s+\\d+\\s+" + on + "(\\s+-?\\d+\\.\\d)+")).toList();
  }

  @Test
  void aSoakOnRemoteTranscodersLosesNoSegmentWhenOneIsKilled() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = OrchestratorBench.run(new String[] {"-source", SOURCE, "-sessions", "2", "-seconds", "30",
        "-report", "10", "-streamSegments", "4", "-remoteTranscoders", "2", "-killEvery", "8"},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(status).as(text).isZero();
    assertThat(text).containsPattern("segments ok: [1-9]\\d*").contains("other errors: none", "soak: passed")
        .containsPattern("transcoder 0 SIGKILLed, registered again \\d+\\.\\d s later")
        .containsPattern("remote transcoders SIGKILLed and restarted: [1-9]\\d*; segments the orchestrator retried on another: \\d+");
  }
}
