package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.config.ladder.VideoProfile.Format;
import dev.lpnode.config.ladder.VideoProfile.H264Profile;
import dev.lpnode.config.ladder.VideoProfile.VideoCodec;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.TranscodeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderConfigTest {
  private static final EngineSettings CPU = EngineSettings.software();
  private static final EngineSettings GPU = CPU.withNvidia(List.of(0), 8);

  private static VideoProfile profile(int fps, H264Profile h264, int gopMs, VideoCodec codec, int quality) {
    return new VideoProfile("p", 640, 360, 800_000, fps, 1, Format.MPEGTS, h264, gopMs, codec, quality);
  }

  @Test
  void softwareH264UsesLibx264WithThePresetAndExplicitThreads() {
    EncoderConfig config = EncoderConfig.of(profile(30, H264Profile.HIGH, 0, VideoCodec.H264, 0), CPU.withThreads(2, 1));
    assertThat(config.encoder()).isEqualTo("libx264");
    assertThat(config.bitrate()).isEqualTo(800_000);
    assertThat(config.threads()).isEqualTo(2);
    assertThat(config.options()).containsEntry("preset", "veryfast").containsEntry("forced-idr", "1")
        .containsEntry("profile", "high");
    assertThat(config.gopFrames()).isEqualTo(EncoderConfig.ENCODER_DEFAULT);
  }

  @Test
  void bFramesFollowLpmsRules() {
    assertThat(EncoderConfig.of(profile(30, H264Profile.BASELINE, 0, VideoCodec.H264, 0), CPU).bFrames()).isZero();
    assertThat(EncoderConfig.of(profile(30, H264Profile.CONSTRAINED_HIGH, 0, VideoCodec.H264, 0), CPU).bFrames()).isZero();
    assertThat(EncoderConfig.of(profile(30, H264Profile.MAIN, 0, VideoCodec.H264, 0), CPU).bFrames()).isEqualTo(3);
    assertThat(EncoderConfig.of(profile(30, H264Profile.HIGH, 0, VideoCodec.H264, 0), CPU).bFrames()).isEqualTo(3);
    assertThat(EncoderConfig.of(profile(30, H264Profile.NONE, 0, VideoCodec.H264, 0), CPU).bFrames()).isEqualTo(3);
    assertThat(EncoderConfig.of(profile(30, H264Profile.NONE, 0, VideoCodec.H264, 0), GPU).bFrames()).isZero();
    // NVENC with fps passthrough never gets B-frames.
    assertThat(EncoderConfig.of(profile(0, H264Profile.HIGH, 0, VideoCodec.H264, 0), GPU).bFrames()).isZero();
    assertThat(EncoderConfig.of(profile(30, H264Profile.HIGH, 0, VideoCodec.H264, 0), GPU).bFrames()).isEqualTo(3);
  }

  @Test
  void constrainedHighIsTheHighProfileWithoutBFrames() {
    EncoderConfig config = EncoderConfig.of(profile(0, H264Profile.CONSTRAINED_HIGH, 1000, VideoCodec.H264, 0), CPU);
    assertThat(config.options()).containsEntry("profile", "high");
    assertThat(config.bFrames()).isZero();
  }

  @Test
  void gopIsInFramesWithAFrameRateAndInTimeWithPassthrough() {
    EncoderConfig fixed = EncoderConfig.of(profile(30, H264Profile.NONE, 2000, VideoCodec.H264, 0), CPU);
    assertThat(fixed.gopFrames()).isEqualTo(60);
    assertThat(fixed.keyframeIntervalMs()).isZero();
    EncoderConfig passthrough = EncoderConfig.of(profile(0, H264Profile.NONE, 1000, VideoCodec.H264, 0), CPU);
    assertThat(passthrough.gopFrames()).isEqualTo(EncoderConfig.ENCODER_DEFAULT);
    assertThat(passthrough.keyframeIntervalMs()).isEqualTo(1000);
    EncoderConfig intra = EncoderConfig.of(profile(30, H264Profile.NONE, VideoProfile.GOP_INTRA_ONLY, VideoCodec.H264, 0), CPU);
    assertThat(intra.gopFrames()).isZero();
  }

  @Test
  void qualityIsCrfOnX264AndCqOnNvenc() {
    assertThat(EncoderConfig.of(profile(30, H264Profile.NONE, 0, VideoCodec.H264, 23), CPU).options())
        .containsEntry("crf", "23");
    assertThat(EncoderConfig.of(profile(30, H264Profile.NONE, 0, VideoCodec.H264, 23), GPU).options())
        .containsEntry("cq", "30").doesNotContainKey("crf");
    assertThat(EncoderConfig.of(profile(30, H264Profile.NONE, 0, VideoCodec.H264, 50), GPU).options())
        .containsEntry("cq", "51");
  }

  @Test
  void hevcGetsX265WithABoundedThreadPoolAndNoH264Profile() {
    EncoderConfig config = EncoderConfig.of(profile(30, H264Profile.HIGH, 0, VideoCodec.H265, 0), CPU);
    assertThat(config.encoder()).isEqualTo("libx265");
    assertThat(config.options()).doesNotContainKey("profile").containsEntry("x265-params", "pools=1:frame-threads=1:log-level=error");
    assertThat(EncoderConfig.of(profile(30, H264Profile.HIGH, 0, VideoCodec.H265, 0), GPU).encoder()).isEqualTo("hevc_nvenc");
  }

  @Test
  void vp8AndVp9AreNotProduced() {
    assertThatThrownBy(() -> EncoderConfig.of(profile(30, H264Profile.NONE, 0, VideoCodec.VP9, 0), CPU))
        .isInstanceOf(TranscodeException.class)
        .hasMessage("TranscoderUnrecognizedProfile");
  }
}
