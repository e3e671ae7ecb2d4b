package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.MediaInfo;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TestMedia;
import dev.lpnode.transcoder.TranscodeException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
  private static final VideoProfile PROFILE = VideoProfile.of("P240p30fps16x9", 426, 240, 600_000, 30);
  private static byte[] data;
  private static MediaInfo info;

  @BeforeAll
  static void probeASegment() {
    data = TestMedia.read("transmux.ts");
    info = Probe.probe(data);
  }

  private static Rendition reported(VideoProfile profile, int width, int height, long frames, long pixels, byte[] bytes) {
    return new Rendition(profile, width, height, frames, pixels, bytes);
  }

  @Test
  void aRenditionThatDecodesAsReportedPasses() {
    Rendition r = reported(PROFILE, info.width(), info.height(), info.frames(), info.pixels(), data);
    assertThat(OutputCheck.check(r)).isSameAs(r);
  }

  @Test
  void framesOrPixelsOtherThanReportedFail() {
    assertThatThrownBy(() -> OutputCheck.check(reported(PROFILE, info.width(), info.height(), info.frames() + 1,
        info.pixels(), data)))
        .isInstanceOfSatisfying(TranscodeException.class, e -> {
          assertThat(e.kind()).isEqualTo(TranscodeException.Kind.OUTPUT_CHECK);
          assertThat(e.getMessage()).startsWith("rendition P240p30fps16x9 failed verification: decoded " + info.frames());
          assertThat(e.retryable()).isTrue();
        });
    assertThatThrownBy(() -> OutputCheck.check(reported(PROFILE, info.width(), info.height(), info.frames(),
        info.pixels() - 1, data))).hasMessageContaining("pixels, engine reported");
  }

  @Test
  void anotherSizeOrCodecFails() {
    assertThatThrownBy(() -> OutputCheck.check(reported(PROFILE, info.width() + 2, info.height(), info.frames(),
        info.pixels(), data))).hasMessageContaining("decoded " + info.width() + "x" + info.height());
    VideoProfile hevc = new VideoProfile("hevc", 426, 240, 600_000, 30, 1, VideoProfile.Format.MPEGTS,
        PROFILE.profile(), VideoProfile.GOP_DEFAULT, VideoProfile.VideoCodec.H265, 0);
    assertThatThrownBy(() -> OutputCheck.check(reported(hevc, info.width(), info.height(), info.frames(),
        info.pixels(), data))).hasMessageEndingWith("codec h264, expected hevc");
  }

  @Test
  void undecodableBytesFail() {
    byte[] garbage = new byte[4096];
    Arrays.fill(garbage, (byte) 0x5a);
    assertThatThrownBy(() -> OutputCheck.check(reported(PROFILE, 426, 240, 60, 60L * 426 * 240, garbage)))
        .hasMessageStartingWith("rendition P240p30fps16x9 failed verification: not decodable");
  }
}
