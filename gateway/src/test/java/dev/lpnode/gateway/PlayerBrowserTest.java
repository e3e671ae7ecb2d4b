package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.media.SegmentProbe;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's headless Chromium, driven by playwright-core, plays the player page of a live RTMP
 * stream: each rendition in turn for at least 6 s, with video.currentTime advancing and frames
 * decoded. Until the transcoding pipeline is plugged in, this test's processor makes a real second
 * rendition (320x180) with the ffmpeg program, so that two renditions and the switch between them
 * are exercised.
 */
class PlayerBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  /** A real lower rendition of a segment, made with the ffmpeg program (timestamps kept). */
  private Rendition scaledDown(SourceSegment segment) throws Exception {
    Path in = Files.createTempFile(dir, "in", ".ts");
    Path out = Files.createTempFile(dir, "out", ".ts");
    Files.write(in, segment.data());
    MediaTools.runFfmpeg(dir.resolve("transcode.log"), 60, "-y", "-copyts", "-i", in.toString(), "-vf", "scale=320:180",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy", "-muxdelay", "0", "-f", "mpegts", out.toString());
    byte[] data = Files.readAllBytes(out);
    Files.delete(in);
    Files.delete(out);
    return new Rendition("P180", data, VideoProfile.Format.MPEGTS, SegmentProbe.probe(data).media());
  }

  @Test
  void chromiumPlaysEveryRenditionForSixSeconds() throws Exception {
    Path playerDir = Path.of(System.getProperty("lpnode.player.dir"));
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "Debian's chromium is not installed (apt-get install chromium): browser playback not checked");
    assertThat(playerDir.resolve("node_modules/playwright-core")).as("npm ci ran in gateway/player").isDirectory();

    try (RunningGateway gw = new RunningGateway(o -> o.processor(segment -> Vertx.currentContext().owner()
        .executeBlocking(() -> List.of(Rendition.source(segment), scaledDown(segment)), false)))) {
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
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        JsonNode result = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
        System.out.println("chromium reported: " + result);

        Assumptions.assumeTrue(result.path("h264").asBoolean(), "Chromium cannot decode H.264 here "
            + "(MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.42E01E\"') is false): the ffprobe checks of "
            + "RtmpIngestTest stand for playback");
        assertThat(result.path("fatal").isNull()).as("no fatal error: %s", result).isTrue();
        assertThat(result.path("levels")).hasSize(2);
        assertThat(result.path("renditions")).hasSize(2);
        for (JsonNode rendition : result.path("renditions")) {
          assertThat(rendition.path("endTime").asDouble() - rendition.path("startTime").asDouble())
              .as("currentTime advances while %s plays: %s", rendition.path("name").asText(), result)
              .isGreaterThanOrEqualTo(6.0);
          assertThat(rendition.path("framesDecoded").asInt()).as("frames decoded: %s", result).isGreaterThan(0);
        }
        assertThat(result.path("renditions").findValuesAsText("name")).containsExactlyInAnyOrder("source", "P180");
        assertThat(result.path("renditions").findValuesAsText("width")).containsExactlyInAnyOrder("640", "320");
      } finally {
        publisher.destroy();
        publisher.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
