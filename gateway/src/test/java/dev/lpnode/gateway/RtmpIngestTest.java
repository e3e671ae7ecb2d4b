package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg publishing over RTMP into a running gateway; what players get, checked with ffprobe. */
class RtmpIngestTest {
  private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");

  @TempDir Path dir;

  private static Process lavfi(Path log, String url, int seconds, int gop) throws Exception {
    return MediaTools.startFfmpeg(log, "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi",
        "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset",
        "ultrafast", "-g", String.valueOf(gop), "-keyint_min", String.valueOf(gop), "-sc_threshold", "0", "-pix_fmt",
        "yuv420p", "-c:a", "aac", "-f", "flv", url);
  }

  /** Polls a media playlist while the stream runs; returns every segment URI seen, with its duration. */
  private static Map<String, Double> watch(RunningGateway gw, String path, Process publisher) throws Exception {
    Map<String, Double> seen = new LinkedHashMap<>();
    long lastSequence = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> res = gw.get(path);
      if (res.statusCode() == 200) {
        String m3u8 = new String(res.body());
        Matcher m = MEDIA_SEQUENCE.matcher(m3u8);
        assertThat(m.find()).isTrue();
        long sequence = Long.parseLong(m.group(1));
        assertThat(sequence).isGreaterThanOrEqualTo(lastSequence);
        lastSequence = sequence;
        List<RunningGateway.Entry> entries = RunningGateway.entries(m3u8);
        assertThat(entries.size()).isLessThanOrEqualTo(6);
        entries.forEach(e -> seen.put(e.uri(), e.duration()));
        if (m3u8.contains("#EXT-X-ENDLIST")) {
          return seen;
        }
      }
      Thread.sleep(publisher.isAlive() ? 500 : 100);
    }
    throw new AssertionError("the playlist never ended; saw " + seen.keySet());
  }

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
      Process ffmpeg = lavfi(dir.resolve("ffmpeg.log"), gw.rtmpUrl("cam1"), 15, 60);
      Map<String, Double> seen = watch(gw, "/stream/cam1/source.m3u8", ffmpeg);
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
      Process longGop = lavfi(dir.resolve("long.log"), gw.rtmpUrl("longgop"), 11, 150);
      Process third = lavfi(dir.resolve("third.log"), gw.rtmpUrl("third?token=abc"), 6, 30);
      Thread.sleep(2000);
      Process duplicate = lavfi(dir.resolve("dup.log"), gw.rtmpUrl("sample"), 5, 30);
      assertThat(duplicate.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(duplicate.exitValue()).as("a second publisher on a live key is refused").isNotZero();

      Map<String, Double> sampleSeen = watch(gw, "/stream/sample/source.m3u8", sample);
      Map<String, Double> longSeen = watch(gw, "/stream/longgop/source.m3u8", longGop);
      Map<String, Double> thirdSeen = watch(gw, "/stream/third/source.m3u8", third);
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
