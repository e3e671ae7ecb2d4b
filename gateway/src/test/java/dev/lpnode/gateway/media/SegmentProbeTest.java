package dev.lpnode.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.gateway.support.MediaTools;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SegmentProbeTest {
  private static byte[] testdata(String name) throws Exception {
    return Files.readAllBytes(MediaTools.testdata(name));
  }

  @Test
  void describesAVideoSegmentAsPlayersNeedIt() throws Exception {
    SegmentProbe.Result r = SegmentProbe.probe(testdata("bad-cuvid.ts"));

    assertThat(r.zeroFrame()).isFalse();
    assertThat(r.videoCodec()).isEqualTo("h264");
    assertThat(r.media().width()).isEqualTo(1920);
    assertThat(r.media().height()).isEqualTo(1080);
    assertThat(r.media().videoCodec()).matches("avc1\\.42[0-9a-f]{2}2a"); // Baseline, level 4.2
    assertThat(r.media().audioCodec()).isEqualTo("mp4a.40.2");
    assertThat(r.durationMs()).isBetween(16_600L, 16_700L);
  }

  @Test
  void readsMp4AndOtherProfiles() throws Exception {
    SegmentProbe.Result mp4 = SegmentProbe.probe(testdata("videotest.mp4"));
    assertThat(mp4.media()).isEqualTo(new MediaInfo(374, 666, mp4.media().videoCodec(), "mp4a.40.2"));
    assertThat(mp4.media().videoCodec()).matches("avc1\\.42[0-9a-f]{2}1e");

    SegmentProbe.Result high = SegmentProbe.probe(testdata("vertical-sample.ts"));
    assertThat(high.media().videoCodec()).matches("avc1\\.64[0-9a-f]{2}28");
    assertThat(high.media().width()).isEqualTo(16);
    assertThat(high.media().height()).isEqualTo(4000);
  }

  @Test
  void flagsSegmentsWithoutVideoFrames() throws Exception {
    SegmentProbe.Result zeroFrame = SegmentProbe.probe(testdata("zero-frame.ts"));
    assertThat(zeroFrame.zeroFrame()).isTrue();
    assertThat(zeroFrame.media().hasVideo()).isFalse();
    assertThat(zeroFrame.media().codecs()).isEqualTo("mp4a.40.2");

    SegmentProbe.Result mp3 = SegmentProbe.probe(testdata("audio.mp3"));
    assertThat(mp3.zeroFrame()).isTrue();
    assertThat(mp3.media().codecs()).isEqualTo("mp4a.40.34");
  }

  @Test
  void refusesWhatIsNotMedia() {
    byte[] noise = new byte[64 * 1024];
    new java.util.Random(3).nextBytes(noise);
    assertThatThrownBy(() -> SegmentProbe.probe(noise)).isInstanceOf(MediaFormatException.class);
    assertThatThrownBy(() -> SegmentProbe.probe(new byte[0])).isInstanceOf(MediaFormatException.class);
    assertThatThrownBy(() -> SegmentProbe.probe("#EXTM3U\n#EXT-X-VERSION:3\n".getBytes()))
        .isInstanceOf(MediaFormatException.class);
  }

  @Test
  void probesInParallelAndSurvivesTruncatedInput() throws Exception {
    byte[] full = testdata("transmux.ts");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int cut = i % 2 == 0 ? full.length : 188 * (1 + i * 37);
        byte[] data = Arrays.copyOf(full, Math.min(cut, full.length));
        results.add(pool.submit(() -> {
          try {
            return SegmentProbe.probe(data).media().videoCodec();
          } catch (MediaFormatException e) {
            return "refused";
          }
        }));
      }
      for (int i = 0; i < results.size(); i += 2) {
        assertThat(results.get(i).get()).startsWith("avc1.4d");
      }
      for (Future<String> r : results) {
        assertThat(r.get()).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
