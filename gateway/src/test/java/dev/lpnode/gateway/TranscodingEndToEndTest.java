package dev.lpnode.gateway;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.SelectionWeights;
import dev.lpnode.gateway.selection.StakeWeights;
import dev.lpnode.gateway.support.LyingOrchestrator;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import dev.lpnode.gateway.transcode.TranscodeSettings;
import dev.lpnode.gateway.transcode.TranscodingProcessor;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg publishing into a gateway that pays real orchestrators with real tickets: every rendition
 * of every segment reaches the playlists, decodes, and has the expected size and frame count, also
 * when one orchestrator lies about its work or dies mid-stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscodingEndToEndTest {
  private static final List<String> RENDITIONS = List.of("P144p30fps16x9", "P240p30fps16x9");
  private static final SigningKey SECOND_KEY = SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  private static final SigningKey DOOMED_KEY = SigningKey.fromHex("7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");

  @TempDir Path dir;
  private OrchestratorHarness first;
  private OrchestratorHarness second;

  @BeforeAll
  void start(@TempDir Path orchestrators) {
    first = new OrchestratorHarness(orchestrators.resolve("first"), 8);
    second = new OrchestratorHarness(orchestrators.resolve("second"), 8, SECOND_KEY);
  }

  @AfterAll
  void stop() {
    first.close();
    second.close();
  }

  /** A gateway paying with real tickets; the stake term alone picks among untried orchestrators. */
  private RunningGateway gateway(List<String> orchestrators, StakeWeights stakes, Consumer<GatewayOptions.Builder> options)
      throws Exception {
    TranscodeSettings settings = new TranscodeSettings(3, true, new SelectionWeights(1, 0, 0), stakes, "");
    return new RunningGateway(vertx -> new TranscodingProcessor(vertx, GATEWAY_KEY, OrchestratorSource.of(orchestrators),
        SegmentPayments.withTickets(first.sender, null), Set.of(), 5_000, settings, new GatewayMetrics(new SimpleMeterRegistry())),
        o -> options.accept(o.ladder(LadderParser.parsePresets(String.join(",", RENDITIONS)))));
  }

  private static StakeWeights prefer(EthAddress preferred) {
    return address -> preferred.equals(address) ? 1.0 : 0.0;
  }

  /**
   * The source and every rendition list the same segments, numbered from 0 without a gap; each
   * rendition segment decodes cleanly, has its profile's size and as many frames as its source.
   */
  private void assertEveryRenditionOfEverySegment(RunningGateway gw, String stream, Map<String, Double> source,
      int expectedSegments) throws Exception {
    List<String> sourceUris = new ArrayList<>(source.keySet());
    assertThat(sourceUris).hasSize(expectedSegments);
    for (int seq = 0; seq < expectedSegments; seq++) {
      assertThat(sourceUris.get(seq)).isEqualTo("source/" + seq + ".ts");
    }
    for (String rendition : RENDITIONS) {
      List<String> listed = RunningGateway.entries(gw.getText("/stream/" + stream + "/" + rendition + ".m3u8")).stream()
          .map(RunningGateway.Entry::uri).toList();
      assertThat(listed).containsExactlyElementsOf(sourceUris.stream().map(u -> u.replace("source/", rendition + "/")).toList());
    }
    for (int seq = 0; seq < expectedSegments; seq++) {
      int sourceFrames = MediaTools.probe(gw.get("/stream/" + stream + "/source/" + seq + ".ts").body(), dir).frames();
      for (String rendition : RENDITIONS) {
        byte[] data = gw.get("/stream/" + stream + "/" + rendition + "/" + seq + ".ts").body();
        MediaTools.VideoProbe probe = MediaTools.probe(data, dir);
        assertThat(probe.width()).as("%s/%d width", rendition, seq).isEqualTo(rendition.startsWith("P144") ? 256 : 426);
        assertThat(probe.height()).isEqualTo(rendition.startsWith("P144") ? 144 : 240);
        assertThat(probe.frames()).as("%s/%d frames", rendition, seq).isEqualTo(sourceFrames);
        assertThat(probe.firstFrameKey()).isTrue();
        assertThat(MediaTools.decodeErrors(data, dir)).isEmpty();
      }
    }
    assertThat(gw.getText("/stream/" + stream + ".m3u8")).contains("RESOLUTION=640x360", "RESOLUTION=256x144",
        "RESOLUTION=426x240");
  }

  @Test
  void ffmpegPublishingOverRtmpGetsEveryRenditionOfEverySegment() throws Exception {
    try (RunningGateway gw = gateway(List.of(first.serviceUri), StakeWeights.EQUAL, o -> { })) {
      Process ffmpeg = MediaTools.publishLavfi(dir.resolve("rtmp.log"), gw.rtmpUrl("rtmp1"), 10, 60);
      Map<String, Double> source = gw.watch("/stream/rtmp1/source.m3u8", ffmpeg);
      MediaTools.finish(ffmpeg, dir.resolve("rtmp.log"), 30);
      assertEveryRenditionOfEverySegment(gw, "rtmp1", source, 5);
      GatewayMetrics.Totals totals = ((TranscodingProcessor) gw.processor).metrics().totals();
      assertThat(totals.transcoded()).isEqualTo(5);
      assertThat(totals.ticketsSent()).isPositive();
    }
  }

  @Test
  void ffmpegPushingHlsWithPutGetsEveryRenditionOfEverySegment() throws Exception {
    try (RunningGateway gw = gateway(List.of(first.serviceUri), StakeWeights.EQUAL,
        o -> o.pushIdleTimeout(Duration.ofSeconds(2)))) {
      Process ffmpeg = MediaTools.startFfmpeg(dir.resolve("hls.log"), "-re", "-f", "lavfi", "-i",
          "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "8",
          "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a",
          "aac", "-f", "hls", "-hls_time", "2", "-method", "PUT", gw.httpUrl("/live/hls1/index.m3u8"));
      Map<String, Double> source = gw.watch("/stream/hls1/source.m3u8", ffmpeg);
      MediaTools.finish(ffmpeg, dir.resolve("hls.log"), 30);
      assertEveryRenditionOfEverySegment(gw, "hls1", source, 4);
    }
  }

  @Test
  void anOrchestratorLyingAboutPixelsIsSuspendedAndTheStreamContinuesWithoutAGap() throws Exception {
    try (LyingOrchestrator liar = new LyingOrchestrator(second.serviceUri, LyingOrchestrator.Lie.PIXELS, dir.resolve("liar"));
        RunningGateway gw = gateway(List.of(liar.serviceUri, first.serviceUri), prefer(SECOND_KEY.address()), o -> { })) {
      long firstWork = verified(first);
      Process ffmpeg = MediaTools.publishLavfi(dir.resolve("liar.log"), gw.rtmpUrl("lied"), 10, 60);
      Map<String, Double> source = gw.watch("/stream/lied/source.m3u8", ffmpeg);
      MediaTools.finish(ffmpeg, dir.resolve("liar.log"), 30);
      assertEveryRenditionOfEverySegment(gw, "lied", source, 5);
      assertThat(liar.segments()).as("the liar got the first segment, then was suspended").isEqualTo(1);
      assertThat(verified(first) - firstWork).as("the honest orchestrator did every segment").isEqualTo(5);
    }
  }

  @Test
  void anOrchestratorThatDiesMidStreamIsSuspendedAndTheStreamContinuesWithoutAGap() throws Exception {
    OrchestratorHarness doomed = new OrchestratorHarness(dir.resolve("doomed"), 8, DOOMED_KEY);
    try (RunningGateway gw = gateway(List.of(doomed.serviceUri, second.serviceUri), prefer(DOOMED_KEY.address()), o -> { })) {
      long secondWork = verified(second);
      Process ffmpeg = MediaTools.publishLavfi(dir.resolve("dies.log"), gw.rtmpUrl("survives"), 12, 60);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (verified(doomed) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(verified(doomed)).as("the preferred orchestrator took the first segments").isEqualTo(2);
      doomed.kill();

      Map<String, Double> source = gw.watch("/stream/survives/source.m3u8", ffmpeg);
      MediaTools.finish(ffmpeg, dir.resolve("dies.log"), 30);
      assertEveryRenditionOfEverySegment(gw, "survives", source, 6);
      assertThat(verified(second) - secondWork).as("the other orchestrator took over").isGreaterThanOrEqualTo(4);
    } finally {
      doomed.close();
    }
  }

  /** Segments the orchestrator transcoded and billed (its ledger records, less failures). */
  private static long verified(OrchestratorHarness orchestrator) {
    return orchestrator.work().stream().filter(w -> w.outcome() == SegmentRecord.Outcome.VERIFIED).count();
  }
}
