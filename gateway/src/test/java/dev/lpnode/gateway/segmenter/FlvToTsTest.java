package dev.lpnode.gateway.segmenter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.gateway.support.FlvFile;
import dev.lpnode.gateway.support.MediaTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An FLV stream (what RTMP carries) through the segmenter and the muxer, checked with ffprobe. */
class FlvToTsTest {
  @TempDir Path dir;

  private List<SegmentPlan> segment(Path flv) throws Exception {
    List<SegmentPlan> plans = new ArrayList<>();
    FlvSegmenter segmenter = new FlvSegmenter("test", 2000, 64 << 20, System::nanoTime, plans::add);
    segmenter.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
    for (FlvFile.Tag tag : FlvFile.read(flv)) {
      if (tag.type() == FlvFile.VIDEO) {
        segmenter.video(tag.timestamp(), tag.body());
      } else if (tag.type() == FlvFile.AUDIO) {
        segmenter.audio(tag.timestamp(), tag.body());
      }
    }
    segmenter.finish();
    return plans;
  }

  @Test
  void everySegmentStartsWithAKeyframeDecodesAloneAndDurationsAddUp() throws Exception {
    Path flv = dir.resolve("in.flv");
    // B-frames (composition times), a keyframe every 25 frames (1 s), and a frame count that ends mid-GOP.
    MediaTools.runFfmpeg(dir.resolve("ffmpeg.log"), 60, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100", "-t", "7.4", "-c:v", "libx264", "-preset",
        "veryfast", "-bf", "2", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-f", "flv", flv.toString());

    List<SegmentPlan> plans = segment(flv);

    assertThat(plans).extracting(SegmentPlan::durationMs).containsExactly(2000L, 2000L, 2000L, 1400L);
    int frames = 0;
    for (SegmentPlan plan : plans) {
      byte[] ts = TsMuxer.mux(plan);
      MediaTools.VideoProbe probe = MediaTools.probe(ts, dir);
      assertThat(probe.firstFrameKey()).as("segment %d starts with a keyframe", plan.seq()).isTrue();
      assertThat(probe.width()).isEqualTo(426);
      assertThat(probe.hasAudio()).isTrue();
      assertThat(MediaTools.decodeErrors(ts, dir)).as("segment %d decodes alone", plan.seq()).isEmpty();
      assertThat(probe.frames()).isEqualTo((int) (plan.durationMs() / 40));
      // The segment starts with the keyframe; its audio from the keyframe's decode time, up to two
      // B-frames (80 ms) earlier.
      assertThat(probe.startTime()).isBetween(plan.startMs() / 1000.0 - 0.1, plan.startMs() / 1000.0 + 0.001);
      frames += probe.frames();
    }
    assertThat(frames).isEqualTo(185);
  }

  @Test
  void segmentsTheTestSampleAtItsOwnKeyframes() throws Exception {
    Path flv = dir.resolve("sample.flv");
    MediaTools.runFfmpeg(dir.resolve("ffmpeg.log"), 60, "-i", MediaTools.testdata("bad-cuvid.ts").toString(),
        "-c", "copy", "-f", "flv", flv.toString());

    List<SegmentPlan> plans = segment(flv);

    long total = plans.stream().mapToLong(SegmentPlan::durationMs).sum();
    assertThat(total).isBetween(16_600L, 16_700L);
    assertThat(plans).allSatisfy(p -> assertThat(p.packets().get(0).keyframe()).isTrue());
    assertThat(plans.subList(0, plans.size() - 1)).allSatisfy(p -> assertThat(p.durationMs()).isGreaterThanOrEqualTo(2000));
    for (SegmentPlan plan : plans) {
      byte[] ts = TsMuxer.mux(plan);
      assertThat(MediaTools.probe(ts, dir).firstFrameKey()).isTrue();
      assertThat(MediaTools.decodeErrors(ts, dir)).isEmpty();
    }
  }
}
