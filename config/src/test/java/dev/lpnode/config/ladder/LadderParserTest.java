package dev.lpnode.config.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.VideoProfile.Format;
import dev.lpnode.config.ladder.VideoProfile.H264Profile;
import dev.lpnode.config.ladder.VideoProfile.VideoCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LadderParserTest {

  @Test
  void presetListKeepsOrderAndValues() {
    List<VideoProfile> ladder = LadderParser.parse("P240p30fps16x9, P720p60fps16x9");
    assertThat(ladder).extracting(VideoProfile::name).containsExactly("P240p30fps16x9", "P720p60fps16x9");
    VideoProfile p720 = ladder.get(1);
    assertThat(p720.width()).isEqualTo(1280);
    assertThat(p720.height()).isEqualTo(720);
    assertThat(p720.bitrate()).isEqualTo(6_000_000);
    assertThat(p720.fps()).isEqualTo(60);
    assertThat(p720.fpsDen()).isEqualTo(1);
    assertThat(p720.gopMs()).isEqualTo(VideoProfile.GOP_DEFAULT);
  }

  @Test
  void allFourteenPresetsExist() {
    assertThat(Presets.all()).hasSize(14);
    assertThat(Presets.byName("P144p25fps16x9")).hasValueSatisfying(p -> assertThat(p.fps()).isEqualTo(25));
  }

  @Test
  void unknownPresetIsRejectedWithTheName() {
    assertThatThrownBy(() -> LadderParser.parse("P240p30fps16x9,P9000p"))
        .isInstanceOf(LadderException.class)
        .hasMessageContaining("'P9000p'");
  }

  @Test
  void livepeerBenchJsonLadder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("transcodingOptions.json");
    Files.writeString(file, """
        [
          {"name": "240p0", "fps": 0, "bitrate": 250000, "width": 426, "height": 240,
           "profile": "h264constrainedhigh", "gop": "1"},
          {"width": 1280, "height": 720, "bitrate": 3000000, "fps": 30000, "fpsDen": 1001,
           "profile": "H264High", "gop": "intra", "encoder": "H.264", "quality": 23},
          {"name": "half", "width": 640, "height": 360, "bitrate": 800000, "gop": "0.5"}
        ]""");
    List<VideoProfile> ladder = LadderParser.parse(file.toString());

    assertThat(ladder.get(0)).isEqualTo(new VideoProfile("240p0", 426, 240, 250_000, 0, 1, Format.MPEGTS,
        H264Profile.CONSTRAINED_HIGH, 1000, VideoCodec.H264, 0));
    VideoProfile unnamed = ladder.get(1);
    assertThat(unnamed.name()).isEqualTo("custom_1280x720_3000000");
    assertThat(unnamed.fps()).isEqualTo(30000);
    assertThat(unnamed.fpsDen()).isEqualTo(1001);
    assertThat(unnamed.profile()).isEqualTo(H264Profile.HIGH);
    assertThat(unnamed.gopMs()).isEqualTo(VideoProfile.GOP_INTRA_ONLY);
    assertThat(unnamed.quality()).isEqualTo(23);
    assertThat(ladder.get(2).gopMs()).isEqualTo(500);
  }

  @Test
  void badJsonGivesClearErrors() {
    assertThatThrownBy(() -> LadderParser.parseJson("{not json"))
        .hasMessageStartingWith("unable to unmarshal the passed transcoding option");
    assertThatThrownBy(() -> LadderParser.parseJson("{}")).hasMessageContaining("must be an array");
    assertThatThrownBy(() -> LadderParser.parseJson("[]")).hasMessageContaining("name no profile");
    assertThatThrownBy(() -> LadderParser.parseJson("[{\"width\":1,\"height\":1,\"bitrate\":1,\"gop\":\"-2\"}]"))
        .hasMessage("invalid gop value -2. Please set it to a positive value");
    assertThatThrownBy(() -> LadderParser.parseJson("[{\"width\":1,\"height\":1,\"bitrate\":1,\"profile\":\"h265\"}]"))
        .hasMessageContaining("unknown VideoProfile profile name");
    assertThatThrownBy(() -> LadderParser.parseJson("[{\"width\":0,\"height\":1,\"bitrate\":1}]"))
        .hasMessageContaining("width and height must be positive");
    assertThatThrownBy(() -> LadderParser.parseJson("[{\"width\":\"wide\",\"height\":1,\"bitrate\":1}]"))
        .hasMessageContaining("'width' must be an integer");
    assertThatThrownBy(() -> LadderParser.parseJson("[{\"widht\":1,\"height\":1,\"bitrate\":1}]"))
        .hasMessageContaining("unknown field 'widht'");
    assertThatThrownBy(() -> LadderParser.parseJson(
        "[{\"name\":\"a\",\"width\":2,\"height\":2,\"bitrate\":1},{\"name\":\"a\",\"width\":4,\"height\":4,\"bitrate\":1}]"))
        .hasMessageContaining("duplicate transcoding profile name 'a'");
  }

  @Test
  void missingFileIsReported() {
    assertThatThrownBy(() -> LadderParser.parse("/nonexistent/ladder.json"))
        .hasMessageStartingWith("cannot read transcoding options file");
  }
}
