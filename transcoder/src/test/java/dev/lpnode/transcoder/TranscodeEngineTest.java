package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.config.ladder.VideoProfile.Format;
import dev.lpnode.config.ladder.VideoProfile.H264Profile;
import dev.lpnode.config.ladder.VideoProfile.VideoCodec;
import dev.lpnode.transcoder.engine.OutputSize;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transcodes real segments and checks every rendition with the ffprobe program, not only our own probe. */
class TranscodeEngineTest {
  private static InProcessTranscoder transcoder;

  @BeforeAll
  static void start() {
    transcoder = new InProcessTranscoder(EngineSettings.software(), 2);
  }

  @AfterAll
  static void stop() {
    transcoder.close();
  }

  static TranscodeResult transcode(byte[] segment, List<VideoProfile> profiles) throws Exception {
    return transcoder.transcode(new TranscodeRequest("test", 0, segment, TestMedia.declaredDurationMs(segment), profiles)).get(120, TimeUnit.SECONDS);
  }

  static VideoProfile profile(String name, int width, int height, int fps, int fpsDen, H264Profile h264, int gopMs) {
    return new VideoProfile(name, width, height, 500_000, fps, fpsDen, Format.MPEGTS, h264, gopMs, VideoCodec.H264, 0);
  }

  /** A fixed-rate rendition and a passthrough, constrained-high, 1 s GOP one (livepeer_bench's style). */
  private static final List<VideoProfile> LADDER = List.of(
      profile("fixed", 256, 144, 30, 1, H264Profile.NONE, 0),
      profile("passthrough", 426, 240, 0, 1, H264Profile.CONSTRAINED_HIGH, 1000));

  /**
   * Inputs whose frame timestamps go backwards: they are pushed forward (lpms's fix_video_pts), so the
   * output runs a little longer than the input's timestamp range.
   */
  private static final java.util.Set<String> REORDERED_TIMESTAMPS = java.util.Set.of("skip_1.ts", "skip_3.ts");

  @ParameterizedTest
  @ValueSource(strings = {"bad-cuvid.ts", "duplicate-audio-dts.ts", "kryp-1.ts", "missing-dts.ts",
      "missing-sei-and-pes.ts", "portrait.ts", "skip_1.ts", "skip_3.ts", "transmux.ts", "vertical-sample.ts",
      "videotest.mp4"})
  void everyRenditionIsWhatItClaims(String file) throws Exception {
    byte[] input = TestMedia.read(file);
    MediaInfo source = MediaProbe.probe(input);
    JsonNode sourceProbe = FfmpegTools.probe(input);
    boolean sourceHasAudio = FfmpegTools.stream(sourceProbe, "audio") != null;

    TranscodeResult result = transcode(input, LADDER);

    assertThat(result.decodedFrames()).isEqualTo(source.frames());
    assertThat(result.decodedPixels()).isEqualTo(source.pixels());
    assertThat(result.renditions()).extracting(r -> r.profile().name()).containsExactly("fixed", "passthrough");
    for (Rendition rendition : result.renditions()) {
      OutputSize expected = OutputSize.of(rendition.profile(), source.width(), source.height());
      JsonNode probe = FfmpegTools.probe(rendition.data());
      JsonNode video = FfmpegTools.stream(probe, "video");
      List<JsonNode> frames = FfmpegTools.videoFrames(probe);
      assertThat(video.path("codec_name").asText()).isEqualTo("h264");
      assertThat(video.path("width").asInt()).isEqualTo(expected.width()).isEqualTo(rendition.width());
      assertThat(video.path("height").asInt()).isEqualTo(expected.height()).isEqualTo(rendition.height());
      assertThat(video.path("pix_fmt").asText()).isEqualTo("yuv420p");
      assertThat((long) frames.size()).isEqualTo(rendition.frames());
      assertThat(rendition.pixels()).isEqualTo(rendition.frames() * expected.pixels());
      assertThat(MediaProbe.probe(rendition.data()).pixels()).isEqualTo(rendition.pixels());
      assertThat(frames.get(0).path("key_frame").asInt()).isEqualTo(1);
      assertThat(frames.get(0).path("pict_type").asText()).isEqualTo("I");
      assertThat(FfmpegTools.firstSliceNalType(rendition.data())).as("IDR first").isEqualTo(5);
      assertThat(FfmpegTools.stream(probe, "audio") != null).isEqualTo(sourceHasAudio);
      if (!REORDERED_TIMESTAMPS.contains(file)) {
        MediaInfo output = MediaProbe.probe(rendition.data());
        assertThat((double) output.durationMs()).isCloseTo(source.durationMs(), within(70.0));
      }
    }
    Rendition passthrough = result.renditions().get(1);
    assertThat(passthrough.frames()).isEqualTo(source.frames());
  }

  @Test
  void fpsIsConvertedAfterScalingIncludingFractionalRates() throws Exception {
    byte[] input = TestMedia.read("duplicate-audio-dts.ts"); // 720p, 30 fps, 2.0 s
    TranscodeResult result = transcode(input, List.of(
        profile("half", 426, 240, 15, 1, H264Profile.NONE, 0),
        profile("ntsc", 426, 240, 30000, 1001, H264Profile.NONE, 0)));
    JsonNode half = FfmpegTools.stream(FfmpegTools.probe(result.renditions().get(0).data()), "video");
    JsonNode ntsc = FfmpegTools.stream(FfmpegTools.probe(result.renditions().get(1).data()), "video");
    assertThat(half.path("r_frame_rate").asText()).isEqualTo("15/1");
    assertThat(result.renditions().get(0).frames()).isBetween(29L, 31L);
    assertThat(ntsc.path("r_frame_rate").asText()).isEqualTo("30000/1001");
    assertThat(result.renditions().get(1).frames()).isBetween(59L, 61L);
  }

  @Test
  void gopIsTimeBasedWithPassthroughAndIntraOnlyMakesEveryFrameAKeyframe() throws Exception {
    byte[] input = FfmpegTools.generate("testsrc2=size=640x360:rate=30", 2, "mpegts", "-c:v", "libx264", "-g", "60");
    TranscodeResult result = transcode(input, List.of(
        profile("halfSecond", 426, 240, 0, 1, H264Profile.CONSTRAINED_HIGH, 500),
        profile("intra", 426, 240, 30, 1, H264Profile.NONE, VideoProfile.GOP_INTRA_ONLY)));
    List<JsonNode> frames = FfmpegTools.videoFrames(FfmpegTools.probe(result.renditions().get(0).data()));
    for (int i = 0; i < frames.size(); i += 15) {
      assertThat(frames.get(i).path("key_frame").asInt()).as("frame %d", i).isEqualTo(1);
    }
    List<JsonNode> intra = FfmpegTools.videoFrames(FfmpegTools.probe(result.renditions().get(1).data()));
    assertThat(intra).isNotEmpty().allSatisfy(f -> assertThat(f.path("key_frame").asInt()).isEqualTo(1));
  }

  @Test
  void h264ProfilesAndTheirBFrameRules() throws Exception {
    byte[] input = TestMedia.read("duplicate-audio-dts.ts");
    TranscodeResult result = transcode(input, List.of(
        profile("baseline", 426, 240, 0, 1, H264Profile.BASELINE, 0),
        profile("main", 426, 240, 0, 1, H264Profile.MAIN, 0),
        profile("high", 426, 240, 0, 1, H264Profile.HIGH, 0),
        profile("constrainedHigh", 426, 240, 0, 1, H264Profile.CONSTRAINED_HIGH, 0)));
    String[] expectedProfiles = {"Constrained Baseline", "Main", "High", "High"};
    boolean[] expectedB = {false, true, true, false};
    for (int i = 0; i < 4; i++) {
      JsonNode probe = FfmpegTools.probe(result.renditions().get(i).data());
      boolean hasB = FfmpegTools.videoFrames(probe).stream().anyMatch(f -> f.path("pict_type").asText().equals("B"));
      assertThat(FfmpegTools.stream(probe, "video").path("profile").asText()).isEqualTo(expectedProfiles[i]);
      assertThat(hasB).as(result.renditions().get(i).profile().name()).isEqualTo(expectedB[i]);
    }
  }

  @Test
  void audioIsCopiedPacketForPacket() throws Exception {
    byte[] input = TestMedia.read("duplicate-audio-dts.ts");
    TranscodeResult result = transcode(input, List.of(profile("a", 426, 240, 0, 1, H264Profile.NONE, 0)));
    byte[] output = result.renditions().get(0).data();
    assertThat(FfmpegTools.stream(FfmpegTools.probe(output), "audio").path("codec_name").asText()).isEqualTo("aac");
    assertThat(FfmpegTools.packetCount(output, "audio")).isEqualTo(FfmpegTools.packetCount(input, "audio"));
  }

  @Test
  void mp4RenditionsAreFaststartWithAudio() throws Exception {
    VideoProfile mp4 = profile("mp4", 426, 240, 0, 1, H264Profile.HIGH, 0).withFormat(Format.MP4);
    for (String file : List.of("videotest.mp4", "duplicate-audio-dts.ts")) {
      Rendition rendition = transcode(TestMedia.read(file), List.of(mp4)).renditions().get(0);
      byte[] data = rendition.data();
      assertThat(topLevelBoxes(data)).containsSubsequence("ftyp", "moov", "mdat");
      JsonNode probe = FfmpegTools.probe(data);
      assertThat(probe.path("format").path("format_name").asText()).contains("mp4");
      assertThat(FfmpegTools.videoFrames(probe)).hasSize((int) rendition.frames());
      assertThat(FfmpegTools.stream(probe, "audio").path("codec_name").asText()).isEqualTo("aac");
      assertThat(MediaProbe.probe(data).pixels()).isEqualTo(rendition.pixels());
    }
  }

  private static List<String> topLevelBoxes(byte[] mp4) {
    List<String> types = new java.util.ArrayList<>();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(mp4);
    for (int at = 0; at + 8 <= mp4.length; at += buffer.getInt(at)) {
      types.add(new String(mp4, at + 4, 4, StandardCharsets.ISO_8859_1));
    }
    return types;
  }

  @Test
  void hevcRenditions() throws Exception {
    VideoProfile hevc = new VideoProfile("hevc", 426, 240, 300_000, 0, 1, Format.MPEGTS, H264Profile.NONE, 0,
        VideoCodec.H265, 0);
    Rendition rendition = transcode(TestMedia.read("portrait.ts"), List.of(hevc)).renditions().get(0);
    JsonNode video = FfmpegTools.stream(FfmpegTools.probe(rendition.data()), "video");
    assertThat(video.path("codec_name").asText()).isEqualTo("hevc");
    assertThat(video.path("width").asInt()).isEqualTo(240);
    assertThat(MediaProbe.probe(rendition.data()).pixels()).isEqualTo(rendition.pixels());
  }

  @Test
  void presetLadderFromTheConfigModule() throws Exception {
    TranscodeResult result = transcode(TestMedia.read("transmux.ts"),
        LadderParser.parse("P144p30fps16x9,P240p30fps16x9,P360p30fps16x9,P720p30fps16x9"));
    assertThat(result.renditions()).extracting(Rendition::width).containsExactly(256, 426, 640, 1280);
    assertThat(result.renditions()).extracting(Rendition::height).containsExactly(144, 240, 360, 720);
    for (Rendition rendition : result.renditions()) {
      assertThat(MediaProbe.probe(rendition.data()).pixels()).isEqualTo(rendition.pixels());
    }
  }

  @Test
  void sizeChangeMidSegmentKeepsOneOutputSize() throws Exception {
    byte[] small = FfmpegTools.generate("testsrc2=size=320x240:rate=30", 1, "mpegts", "-c:v", "libx264", "-g", "30");
    byte[] large = FfmpegTools.generate("testsrc2=size=640x360:rate=30", 1, "mpegts", "-c:v", "libx264", "-g", "30",
        "-output_ts_offset", "1");
    byte[] both = new byte[small.length + large.length];
    System.arraycopy(small, 0, both, 0, small.length);
    System.arraycopy(large, 0, both, small.length, large.length);
    TranscodeResult result = transcode(both, List.of(profile("p", 426, 240, 0, 1, H264Profile.NONE, 0)));
    Rendition rendition = result.renditions().get(0);
    MediaInfo info = MediaProbe.probe(rendition.data());
    assertThat(result.decodedFrames()).isEqualTo(60);
    assertThat(rendition.frames()).isEqualTo(60);
    assertThat(info.frames()).isEqualTo(60);
    assertThat(info.pixels()).isEqualTo(rendition.pixels());
  }

  @Test
  void tenBitAndFourTwoTwoInputsBecomeEightBitFourTwoZero() throws Exception {
    byte[] input = FfmpegTools.generate("testsrc2=size=640x360:rate=25", 1, "mpegts", "-c:v", "libx264",
        "-pix_fmt", "yuv422p10le");
    Rendition rendition = transcode(input, List.of(profile("p", 426, 240, 0, 1, H264Profile.HIGH, 0))).renditions().get(0);
    JsonNode video = FfmpegTools.stream(FfmpegTools.probe(rendition.data()), "video");
    assertThat(video.path("pix_fmt").asText()).isEqualTo("yuv420p");
    assertThat(rendition.frames()).isEqualTo(25);
  }
}
