package dev.lpnode.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.gateway.support.MediaTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class H264SpsTest {
  @TempDir Path dir;

  /** Encodes two frames with libx264 and parses the SPS it wrote. */
  @ParameterizedTest
  @CsvSource({
      "1920, 1080, yuv420p, high, '', 100, 1920, 1080",          // cropped: 1088 coded rows
      "640, 360, yuv420p, baseline, '', 66, 640, 360",
      "1280, 720, yuv444p, high444, '', 244, 1280, 720",         // 4:4:4: crop units of one pixel
      "720, 576, yuv420p, high, 'interlaced=1', 100, 720, 576",   // field coding: map units are pairs of rows
      "642, 362, yuv420p, main, '', 77, 642, 362",               // cropping on both axes
      "352, 288, yuv420p, high, 'cqm=jvt', 100, 352, 288",        // scaling matrices in the SPS
      "16, 4000, yuv420p, high, '', 100, 16, 4000"})
  void readsProfileLevelAndPictureSize(int width, int height, String pixFmt, String profile, String x264Params,
      int profileIdc, int expectedWidth, int expectedHeight) throws Exception {
    Path out = dir.resolve("s.h264");
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25",
        "-frames:v", "2", "-pix_fmt", pixFmt, "-c:v", "libx264", "-profile:v", profile));
    if (!x264Params.isEmpty()) {
      args.addAll(List.of("-x264-params", x264Params));
    }
    args.addAll(List.of("-f", "h264", out.toString()));
    MediaTools.runFfmpeg(dir.resolve("ffmpeg.log"), 60, args.toArray(String[]::new));

    byte[] nal = H264Sps.findInAnnexB(Files.readAllBytes(out));
    H264Sps sps = H264Sps.parse(nal);

    assertThat(sps.profileIdc()).isEqualTo(profileIdc);
    assertThat(sps.width()).isEqualTo(expectedWidth);
    assertThat(sps.height()).isEqualTo(expectedHeight);
    assertThat(sps.codec()).startsWith(String.format("avc1.%02x", profileIdc)).hasSize(11);
  }

  @ParameterizedTest
  @CsvSource({"'0x27'", "'0x67'", "'0x67, 0x64'"})
  void refusesWhatIsNotACompleteSps(String hex) {
    String[] parts = hex.split(",\\s*");
    byte[] nal = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      nal[i] = (byte) Integer.decode(parts[i]).intValue();
    }
    assertThatThrownBy(() -> H264Sps.parse(nal)).isInstanceOf(MediaFormatException.class);
  }
}
