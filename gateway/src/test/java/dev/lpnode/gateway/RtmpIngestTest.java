package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg publishing over RTMP into a running gateway; what players get, checked with ffprobe. */
class RtmpIngestTest {
  @TempDir Path dir;

  /**
   * Segment durations as listed. A cut is exact; the stream's last segment ends after its last
   * frame, whose length is estimated from millisecond timestamps, so it may be 1 ms off.
   */
  private static void assertDurations(Map<String, Double> seen, double... expected) {
    assertThat(seen.values()).hasSize(expected.length);
    int i = 0;
    for (double duration : seen.values()) {
      double tolerance = i == expected.length - 1 ? 0.001 : 0;
      assertThat(duration).as("segment %d of %s", i, seen.keySet()).isCloseTo(expected[i++], Offset.offset(tolerance));
    }
  }

  @Test
  void everySegmentOfAnRtmpStreamReachesThePlaylistsAndPlaysAlone() throws Exception {
    try (RunningGateway gw = new RunningGateway()) {
      Process ffmpeg = MediaTools.publishLavfi(dir.resolve("ffmpeg.log"), gw.rtmpUrl("cam1"), 15, 60);
      Map<String, Double> seen = gw.watch("/stream/cam1/source.m3u8", ffmpeg);
      MediaTools.finish(ffmpeg, dir.resolve("ffmpeg.log"), 30);

      // Seven 2 s segments and a last one of 1 s, each seen while it was in the 6-segment window.
      assertThat(seen.keySet()).containsExactly("source/0.ts", "source/1.ts", "source/2.ts", "source/3.ts",
          "source/4.ts", "source/5.ts", "source/6.ts", "source/7.ts");
      assertDurations(seen, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.0);

      HttpResponse<byte[]> master = gw.get("/stream/cam1.m3u8");
      assertThat(master.headers().firstValue("Content-Type")).contains("application/x-mpegURL");
      assertThat(master.headers().firstValue("Cache-Control")).contains("max-age=5");
      assertThat(master.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
      // libx264's ultrafast preset at 640x360 and 30 fps: Constrained Baseline (66 with constraint flags
      // 0xc0), level 3.0.
      assertThat(new String(master.body())).matches("(?s)#EXTM3U\n#EXT-X-VERSION:3\n"
          + "#EXT-X-STREAM-INF:BANDWIDTH=\\d+,RESOLUTION=640x360,CODECS=\"avc1\\.42c01e,mp4a\\.40\\.2\"\n"
          + "cam1/source\\.m3u8\n");

      // The window's segments (and the six before it, still retained) download, decode and start on a keyframe.
      int frames = 0;
      for (int seq = 0; seq < 8; seq++) {
        HttpResponse<byte[]> segment = gw.get("/stream/cam1/source/" + seq + ".ts");
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.headers().firstValue("Content-Type")).contains("video/mp2t");
        MediaTools.VideoProbe probe = MediaTools.probe(segment.body(), dir);
        assertThat(probe.profile()).isEqualTo("Constrained Baseline");
        assertThat(probe.firstFrameKey()).as("segment %d starts with a keyframe", seq).isTrue();
        assertThat(probe.frames()).isEqualTo(seq < 7 ? 60 : 30);
        assertThat(probe.hasAudio()).isTrue();
        assertThat(MediaTools.decodeErrors(segment.body(), dir)).isEmpty();
        frames += probe.frames();
      }
      assertThat(frames).isEqualTo(15 * 30);
      assertThat(gw.server.stats().snapshot().published()).isEqualTo(8);
      assertThat(gw.get("/stream/cam1/source/8.ts").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void severalPublishersAtOnceIncludingTheSampleAndALongGop() throws Exception {
    try (RunningGateway gw = new RunningGateway()) {
      Process sample = MediaTools.startFfmpeg(dir.resolve("sample.log"), "-re", "-i",
          MediaTools.testdata("bad-cuvid.ts").toString(), "-c", "copy", "-f", "flv", gw.rtmpUrl("sample"));
      Process longGop = MediaTools.publishLavfi(dir.resolve("long.log"), gw.rtmpUrl("longgop"), 11, 150);
      Process third = MediaTools.publishLavfi(dir.resolve("third.log"), gw.rtmpUrl("third?token=abc"), 6, 30);
      Thread.sleep(2000);
      Process duplicate = MediaTools.publishLavfi(dir.resolve("dup.log"), gw.rtmpUrl("sample"), 5, 30);
      assertThat(duplicate.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(duplicate.exitValue()).as("a second publisher on a live key is refused").isNotZero();

      Map<String, Double> sampleSeen = gw.watch("/stream/sample/source.m3u8", sample);
      Map<String, Double> longSeen = gw.watch("/stream/longgop/source.m3u8", longGop);
      Map<String, Double> thirdSeen = gw.watch("/stream/third/source.m3u8", third);
      for (Process p : List.of(sample, longGop, third)) {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
      }

      // The sample has keyframes at 0.1 s and 8.433 s only: two long segments, not broken ones
      // (500 frames at 30 fps in all).
      assertDurations(sampleSeen, 8.333, 8.333);
      assertDurations(longSeen, 5.0, 5.0, 1.0);
      assertDurations(thirdSeen, 2.0, 2.0, 2.0);
      for (String uri : sampleSeen.keySet()) {
        byte[] segment = gw.get("/stream/sample/" + uri).body();
        MediaTools.VideoProbe probe = MediaTools.probe(segment, dir);
        assertThat(probe.firstFrameKey()).isTrue();
        assertThat(probe.width()).isEqualTo(1920);
        assertThat(MediaTools.decodeErrors(segment, dir)).isEmpty();
      }
      assertThat(gw.getText("/stream/sample.m3u8")).contains("RESOLUTION=1920x1080,CODECS=\"avc1.42");
    }
  }
}
