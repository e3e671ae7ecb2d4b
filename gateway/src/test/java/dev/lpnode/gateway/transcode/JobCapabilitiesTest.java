package dev.lpnode.gateway.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.wire.CapabilityCheck;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCapabilitiesTest {
  private static final List<VideoProfile> DEFAULT_LADDER = LadderParser.parsePresets("P240p30fps16x9,P360p30fps16x9");

  @Test
  void theDefaultLadderFromH264NeedsH264MpegTsAndTheAuthToken() {
    Capabilities job = JobCapabilities.of(DEFAULT_LADDER, "h264", "");
    assertThat(CapabilitySet.fromNet(job).numbers()).containsExactly(0, 1, 12);
    assertThat(job.getConstraints().getMinVersion()).isEmpty();
    assertThat(CapabilityCheck.compatible(job, CapabilitySet.orchestratorDefaults().toNet("0.9.1", 10))).isTrue();
  }

  @Test
  void profilesAddTheirFormatProfileGopAndFrameRateAndTheInputItsDecoder() {
    VideoProfile p = DEFAULT_LADDER.get(0);
    VideoProfile special = new VideoProfile("special", p.width(), p.height(), p.bitrate(), 30000, 1001,
        VideoProfile.Format.MP4, VideoProfile.H264Profile.HIGH, 2000, VideoProfile.VideoCodec.H264, 0);
    Capabilities job = JobCapabilities.of(List.of(special), "hevc", "0.9.0");
    // H264 encode 0, MP4 2, fractional 3, High 9, GOP 11, auth token 12, HEVC decode 15
    assertThat(CapabilitySet.fromNet(job).numbers()).containsExactly(0, 2, 3, 9, 11, 12, 15);
    assertThat(job.getConstraints().getMinVersion()).isEqualTo("0.9.0");
    Capabilities defaults = CapabilitySet.orchestratorDefaults().toNet("0.9.1", 10);
    assertThat(CapabilityCheck.compatible(job, defaults)).as("go-livepeer's default O lacks HEVC decoding").isFalse();
  }

  @Test
  void anAuthTokenIsRefreshedInTheLastThreeMinutesOfItsLife() {
    OrchestratorInfo info = OrchestratorInfo.newBuilder().setAuthToken(AuthToken.newBuilder().setExpiration(10_000)).build();
    assertThat(SegmentAttempt.authTokenExpiring(info, 10_000 - 181)).isFalse();
    assertThat(SegmentAttempt.authTokenExpiring(info, 10_000 - 180)).isFalse();
    assertThat(SegmentAttempt.authTokenExpiring(info, 10_000 - 179)).isTrue();
  }
}
