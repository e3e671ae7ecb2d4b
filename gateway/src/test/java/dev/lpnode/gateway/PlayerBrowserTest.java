package dev.lpnode.gateway;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import dev.lpnode.gateway.transcode.TranscodeSettings;
import dev.lpnode.gateway.transcode.TranscodingProcessor;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's headless Chromium, driven by playwright-core, plays the player page of a live RTMP
 * stream transcoded by a real orchestrator (paid with real tickets): each rendition in turn for at
 * least 6 s, with video.currentTime advancing and frames decoded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayerBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String LADDER = "P144p30fps16x9,P240p30fps16x9";

  @TempDir Path dir;

  @Test
  void chromiumPlaysEveryRenditionForSixSeconds() throws Exception {
    Path playerDir = Path.of(System.getProperty("lpnode.player.dir"));
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "Debian's chromium is not installed (apt-get install chromium): browser playback not checked");
    assertThat(playerDir.resolve("node_modules/playwright-core")).as("npm ci ran in gateway/player").isDirectory();

    try (OrchestratorHarness orchestrator = new OrchestratorHarness(dir.resolve("orchestrator"), 4);
        RunningGateway gw = new RunningGateway(vertx -> new TranscodingProcessor(vertx, GATEWAY_KEY,
            OrchestratorSource.of(List.of(orchestrator.serviceUri)), SegmentPayments.withTickets(orchestrator.sender, null),
            Set.of(), 5_000, TranscodeSettings.defaults(), new GatewayMetrics(new SimpleMeterRegistry())),
            o -> o.ladder(LadderParser.parsePresets(LADDER)))) {
      Process publisher = MediaTools.startFfmpeg(dir.resolve("ffmpeg.log"), "-re", "-f", "lavfi", "-i",
          "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "60",
          "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a",
          "aac", "-f", "flv", gw.rtmpUrl("browser"));
      try {
        Process node = new ProcessBuilder("node", "test/play.mjs", gw.httpUrl("/player/browser"), "6")
            .directory(playerDir.toFile())
            .redirectError(dir.resolve("chromium.log").toFile())
            .start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(180, TimeUnit.SECONDS)).isTrue();
        JsonNode result = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
        System.out.println("chromium reported: " + result);

        Assumptions.assumeTrue(result.path("h264").asBoolean(), "Chromium cannot decode H.264 here "
            + "(MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.42E01E\"') is false): the ffprobe checks of "
            + "TranscodingEndToEndTest stand for playback");
        assertThat(result.path("fatal").isNull()).as("no fatal error: %s", result).isTrue();
        assertThat(result.path("levels")).hasSize(3);
        assertThat(result.path("renditions")).hasSize(3);
        for (JsonNode rendition : result.path("renditions")) {
          assertThat(rendition.path("endTime").asDouble() - rendition.path("startTime").asDouble())
              .as("currentTime advances while %s plays: %s", rendition.path("name").asText(), result)
              .isGreaterThanOrEqualTo(6.0);
          assertThat(rendition.path("framesDecoded").asInt()).as("frames decoded: %s", result).isGreaterThan(0);
        }
        assertThat(result.path("renditions").findValuesAsText("name"))
            .containsExactlyInAnyOrder("source", "P144p30fps16x9", "P240p30fps16x9");
        assertThat(result.path("renditions").findValuesAsText("width")).containsExactlyInAnyOrder("640", "256", "426");
      } finally {
        publisher.destroy();
        publisher.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
