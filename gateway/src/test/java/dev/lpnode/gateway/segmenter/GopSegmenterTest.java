package dev.lpnode.gateway.segmenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.gateway.media.AacConfig;
import dev.lpnode.gateway.media.AvcConfig;
import dev.lpnode.gateway.media.H264Sps;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GopSegmenterTest {
  private static final AvcConfig AVC = avc(640);
  private static final AacConfig AAC = new AacConfig(new byte[] {0x11, (byte) 0x90}, 2, 48000, 2);

  private final List<SegmentPlan> out = new ArrayList<>();
  private final GopSegmenter segmenter = new GopSegmenter(2000, 20_000, 1 << 20, () -> 0, out::add);

  private static AvcConfig avc(int width) {
    return new AvcConfig(new byte[] {1, 0x64, 0, 0x1f, (byte) 0xFF, (byte) 0xE1, 0, 0, (byte) width},
        new H264Sps(0x64, 0, 0x1f, width, 360), 4);
  }

  /** Video at 30 fps with a keyframe every {@code gop} frames, audio every 21 ms, for {@code ms}. */
  private void stream(int gop, long ms) throws Exception {
    segmenter.videoConfig(AVC);
    segmenter.audioConfig(AAC);
    long audio = 0;
    for (int frame = 0; frame * 100L / 3 < ms; frame++) {
      long t = Math.round(frame * 100.0 / 3); // millisecond timestamps, rounded as muxers do
      while (audio <= t) {
        segmenter.audio(audio, new byte[10]);
        audio += 21;
      }
      segmenter.video(t, t, frame % gop == 0, new byte[100]);
    }
    segmenter.finish();
  }

  private static long videoFrames(SegmentPlan plan) {
    return plan.packets().stream().filter(MediaPacket::video).count();
  }

  @Test
  void cutsAtTheFirstKeyframeAfterTheTarget() throws Exception {
    stream(30, 7000); // a keyframe every second

    assertThat(out).extracting(SegmentPlan::seq).containsExactly(0L, 1L, 2L, 3L);
    assertThat(out).extracting(SegmentPlan::startMs).containsExactly(0L, 2000L, 4000L, 6000L);
    assertThat(out).extracting(SegmentPlan::durationMs).containsExactly(2000L, 2000L, 2000L, 1000L);
    assertThat(out).extracting(GopSegmenterTest::videoFrames).containsExactly(60L, 60L, 60L, 30L);
    assertThat(out).allSatisfy(p -> assertThat(p.packets().stream().filter(MediaPacket::video).findFirst().orElseThrow()
        .keyframe()).isTrue());
  }

  @Test
  void aLongerGopMakesLongerSegmentsNotBrokenOnes() throws Exception {
    stream(150, 12_000); // a keyframe every 5 s

    assertThat(out).extracting(SegmentPlan::durationMs).containsExactly(5000L, 5000L, 2000L);
    assertThat(out).extracting(GopSegmenterTest::videoFrames).containsExactly(150L, 150L, 60L);
  }

  @Property(tries = 100)
  void durationsAddUpAndEveryAudioFrameIsPlacedByTime(@ForAll @IntRange(min = 1, max = 200) int gop,
      @ForAll @IntRange(min = 500, max = 20_000) int ms) throws Exception {
    out.clear();
    GopSegmenter s = new GopSegmenter(2000, 20_000, 1 << 24, () -> 0, out::add);
    s.videoConfig(AVC);
    s.audioConfig(AAC);
    int frames = 0;
    int audioFrames = 0;
    long audio = 0;
    for (int frame = 0; frame * 100L / 3 < ms; frame++) {
      long t = Math.round(frame * 100.0 / 3);
      while (audio <= t + 40) { // audio runs a little ahead of video, as muxers interleave
        s.audio(audio, new byte[10]);
        audio += 21;
        audioFrames++;
      }
      s.video(t, t, frame % gop == 0, new byte[100]);
      frames++;
    }
    s.finish();

    long lastFrame = Math.round((frames - 1) * 100.0 / 3);
    SegmentPlan last = out.get(out.size() - 1);
    assertThat(out.stream().mapToLong(SegmentPlan::durationMs).sum()).isEqualTo(last.startMs() + last.durationMs());
    // The last frame lasts the average interval of its segment: right to within a millisecond.
    assertThat(last.startMs() + last.durationMs()).isCloseTo(Math.round(frames * 100.0 / 3), Offset.offset(1L));
    assertThat(out.stream().mapToLong(GopSegmenterTest::videoFrames).sum()).isEqualTo(frames);
    for (int i = 0; i < out.size(); i++) {
      SegmentPlan plan = out.get(i);
      long end = plan.startMs() + plan.durationMs();
      assertThat(plan.packets()).filteredOn(p -> !p.video()).allSatisfy(p ->
          assertThat(p.dts()).isGreaterThanOrEqualTo(plan.startMs()));
      if (i < out.size() - 1) {
        assertThat(plan.packets()).filteredOn(p -> !p.video()).allSatisfy(p -> assertThat(p.dts()).isLessThan(end));
        assertThat(out.get(i + 1).startMs()).isEqualTo(end);
        assertThat(plan.durationMs()).isGreaterThanOrEqualTo(2000);
      }
    }
    assertThat(out.stream().mapToLong(p -> p.packets().stream().filter(q -> !q.video()).count()).sum())
        .isEqualTo(audioFrames);
  }

  @Test
  void waitsForLateAudioBeforeHandingOnASegment() throws Exception {
    segmenter.videoConfig(AVC);
    segmenter.audioConfig(AAC);
    segmenter.video(0, 0, true, new byte[1]);
    segmenter.audio(0, new byte[1]);
    segmenter.video(2000, 2000, true, new byte[1]); // the cut: audio up to 2000 still belongs before it
    assertThat(out).isEmpty();
    segmenter.audio(1990, new byte[1]);
    assertThat(out).isEmpty();
    segmenter.audio(2010, new byte[1]);

    assertThat(out).singleElement().satisfies(p -> {
      assertThat(p.packets()).extracting(MediaPacket::dts).containsExactly(0L, 0L, 1990L);
      assertThat(p.durationMs()).isEqualTo(2000);
    });
  }

  @Test
  void withBFramesAudioSplitsAtTheKeyframesDecodeTime() throws Exception {
    segmenter.videoConfig(AVC);
    segmenter.audioConfig(AAC);
    segmenter.video(0, 67, true, new byte[1]);
    segmenter.audio(0, new byte[1]);
    segmenter.audio(2010, new byte[1]);          // arrived before the keyframe, plays after its decode time
    segmenter.video(2000, 2067, true, new byte[1]);
    segmenter.audio(1990, new byte[1]);          // late, but before the decode time: the old segment's
    assertThat(out).isEmpty();
    segmenter.audio(2031, new byte[1]);
    segmenter.finish();

    assertThat(out).hasSize(2);
    assertThat(out.get(0).packets()).extracting(MediaPacket::dts).containsExactly(0L, 0L, 1990L);
    assertThat(out.get(0).durationMs()).isEqualTo(2000); // presentation time 67 to 2067
    assertThat(out.get(1).packets()).extracting(MediaPacket::dts).containsExactly(2010L, 2000L, 2031L);
  }

  @Test
  void doesNotWaitForeverForAudioThatDoesNotCome() throws Exception {
    segmenter.videoConfig(AVC);
    segmenter.audioConfig(AAC);
    segmenter.video(0, 0, true, new byte[1]);
    segmenter.video(2000, 2000, true, new byte[1]);
    segmenter.video(2000 + GopSegmenter.AUDIO_GRACE_MS - 1, 2999, false, new byte[1]);
    assertThat(out).isEmpty();
    segmenter.video(2000 + GopSegmenter.AUDIO_GRACE_MS, 3000, false, new byte[1]);
    assertThat(out).hasSize(1);
  }

  @Test
  void dropsEverythingBeforeTheFirstKeyframeAndFramesWhoseDecodeTimeGoesBack() throws Exception {
    segmenter.videoConfig(AVC);
    segmenter.audioConfig(AAC);
    segmenter.video(0, 0, false, new byte[1]);
    segmenter.audio(10, new byte[1]);
    segmenter.video(33, 33, true, new byte[1]);
    segmenter.video(66, 66, false, new byte[1]);
    segmenter.video(66, 66, false, new byte[1]);
    segmenter.video(50, 50, false, new byte[1]);
    segmenter.finish();

    assertThat(out).singleElement().satisfies(p -> {
      assertThat(p.startMs()).isEqualTo(33);
      assertThat(p.packets()).extracting(MediaPacket::dts).containsExactly(33L, 66L);
    });
  }

  @Test
  void aNewVideoConfigurationStartsANewSegmentAtTheNextKeyframe() throws Exception {
    segmenter.videoConfig(AVC);
    segmenter.video(0, 0, true, new byte[1]);
    segmenter.video(500, 500, true, new byte[1]);
    segmenter.videoConfig(avc(1280));
    segmenter.video(1000, 1000, false, new byte[1]);
    segmenter.video(1500, 1500, true, new byte[1]);
    segmenter.finish();

    assertThat(out).extracting(SegmentPlan::startMs).containsExactly(0L, 1500L);
    assertThat(out).extracting(p -> p.video().sps().width()).containsExactly(640, 1280);
  }

  @Test
  void cutsAudioOnlyStreamsOnTime() throws Exception {
    segmenter.audioConfig(AAC);
    segmenter.audioOnly();
    for (long t = 0; t < 5000; t += 21) {
      segmenter.audio(t, new byte[1]);
    }
    segmenter.finish();

    assertThat(out).extracting(SegmentPlan::startMs).containsExactly(0L, 2016L, 4032L);
    assertThat(out).allSatisfy(p -> assertThat(p.video()).isNull());
    assertThat(out.stream().mapToLong(SegmentPlan::durationMs).sum()).isEqualTo(4998 + 21);
  }

  @Test
  void refusesAStreamWithoutKeyframesOrWithAnOversizedGop() {
    GopSegmenter noKeyframes = new GopSegmenter(2000, 20_000, 1 << 20, () -> 0, out::add);
    noKeyframes.videoConfig(AVC);
    assertThatThrownBy(() -> {
      noKeyframes.video(0, 0, true, new byte[1]);
      for (long t = 33; t < 30_000; t += 33) {
        noKeyframes.video(t, t, false, new byte[1]);
      }
    }).isInstanceOf(SegmenterException.class).hasMessageContaining("no keyframe for");

    GopSegmenter huge = new GopSegmenter(2000, 20_000, 1000, () -> 0, out::add);
    huge.videoConfig(AVC);
    assertThatThrownBy(() -> {
      huge.video(0, 0, true, new byte[600]);
      huge.video(33, 33, false, new byte[600]);
    }).isInstanceOf(SegmenterException.class).hasMessageContaining("exceeds 1000 bytes");
  }
}
