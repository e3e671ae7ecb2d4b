package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.Presets;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.TranscodeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OutputSizeTest {
  private static VideoProfile preset(String name) {
    return Presets.byName(name).orElseThrow();
  }

  private static VideoProfile sized(int width, int height, VideoProfile.VideoCodec codec) {
    return new VideoProfile("p", width, height, 1_000_000, 0, 1, VideoProfile.Format.MPEGTS,
        VideoProfile.H264Profile.NONE, 0, codec, 0);
  }

  @Test
  void landscapeSourceKeepsTheLadderSizes() {
    assertThat(OutputSize.of(preset("P240p30fps16x9"), 1920, 1080)).isEqualTo(new OutputSize(426, 240));
    assertThat(OutputSize.of(preset("P360p30fps16x9"), 1920, 1080)).isEqualTo(new OutputSize(640, 360));
    assertThat(OutputSize.of(preset("P720p30fps16x9"), 1920, 1080)).isEqualTo(new OutputSize(1280, 720));
    assertThat(OutputSize.of(preset("P144p30fps16x9"), 1280, 720)).isEqualTo(new OutputSize(256, 144));
  }

  @Test
  void theSourceAspectRatioWinsOverTheProfiles() {
    // A 4:3 profile on a 16:9 source keeps 16:9, driven by the profile's larger side.
    assertThat(OutputSize.of(preset("P720p30fps4x3"), 1920, 1080)).isEqualTo(new OutputSize(960, 540));
  }

  @Test
  void portraitSourceGetsTheLargerSideVertically() {
    assertThat(OutputSize.of(preset("P240p30fps16x9"), 720, 1280)).isEqualTo(new OutputSize(240, 426));
    assertThat(OutputSize.of(preset("P720p30fps16x9"), 720, 1280)).isEqualTo(new OutputSize(720, 1280));
  }

  @Test
  void extremeAspectRatiosAreClampedToEncoderLimits() {
    // 16x4000 (testdata/vertical-sample.ts): the narrow side would be 2 pixels.
    assertThat(OutputSize.of(preset("P360p30fps16x9"), 16, 4000)).isEqualTo(new OutputSize(146, 640));
    assertThat(OutputSize.of(preset("P360p30fps16x9"), 4000, 16)).isEqualTo(new OutputSize(640, 50));
    assertThat(OutputSize.of(sized(250, 62500, VideoProfile.VideoCodec.H264), 16, 4000)).isEqualTo(new OutputSize(146, 4096));
    assertThat(OutputSize.of(sized(8000, 4500, VideoProfile.VideoCodec.H264), 1920, 1080)).isEqualTo(new OutputSize(4096, 2304));
    assertThat(OutputSize.of(sized(100, 50, VideoProfile.VideoCodec.H265), 1920, 1080)).isEqualTo(new OutputSize(132, 56));
  }

  @Test
  void oddRequestedSidesBecomeEven() {
    assertThat(OutputSize.of(sized(427, 241, VideoProfile.VideoCodec.H264), 1920, 1080)).isEqualTo(new OutputSize(426, 240));
  }

  @Test
  void anInputWithoutSizeIsAnInvalidResolution() {
    assertThatThrownBy(() -> OutputSize.of(preset("P240p30fps16x9"), 0, 0))
        .isInstanceOf(TranscodeException.class)
        .hasMessage("TranscoderInvalidResolution");
  }

  @Property
  void everyOutputIsEvenAndWithinH264Limits(
      @ForAll @IntRange(min = 1, max = 8192) int inputWidth, @ForAll @IntRange(min = 1, max = 8192) int inputHeight,
      @ForAll @IntRange(min = 1, max = 9000) int width, @ForAll @IntRange(min = 1, max = 9000) int height) {
    OutputSize size = OutputSize.of(sized(width, height, VideoProfile.VideoCodec.H264), inputWidth, inputHeight);
    assertThat(size.width() % 2).isZero();
    assertThat(size.height() % 2).isZero();
    assertThat(size.width()).isBetween(146, 4096);
    assertThat(size.height()).isBetween(50, 4096);
  }
}
