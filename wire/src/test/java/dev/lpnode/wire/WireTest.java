package dev.lpnode.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.config.ladder.VideoProfile.Format;
import dev.lpnode.config.ladder.VideoProfile.H264Profile;
import dev.lpnode.config.ladder.VideoProfile.VideoCodec;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.SegData;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

  @Test
  void profileIdsMatchGoLivepeer() {
    assertThat(ProfileIds.hex(List.of("P720p60fps16x9"))).isEqualTo("a7ac137a");
    assertThat(ProfileIds.hex(List.of("P720p30fps16x9"))).isEqualTo("49d54ea9");
    assertThat(ProfileIds.hex(List.of("P144p25fps16x9"))).isEqualTo("03f01d1f");
    assertThat(ProfileIds.hex(List.of("P240p30fps16x9", "P360p30fps16x9"))).isEqualTo("c0a6517a93c717e7");
  }

  @Test
  void orchestratorDefaultCapabilitiesAreWord0x4005FFF() {
    CapabilitySet defaults = CapabilitySet.orchestratorDefaults();
    assertThat(defaults.words()).containsExactly(0x4005FFFL);
    assertThat(defaults.contains(Capability.SCENE_CLASSIFICATION)).isFalse();
    assertThat(defaults.contains(Capability.HEVC_ENCODE)).isFalse();
    Capabilities wire = defaults.toNet("0.9.1", 10);
    assertThat(wire.getCapacitiesMap()).hasSize(15).containsEntry(12, 10);
  }

  @Test
  void compatibilityFollowsTheSubsetRule() {
    Capabilities node = CapabilitySet.orchestratorDefaults().toNet("0.9.1", 10);
    Capabilities job = CapabilitySet.of(Capability.H264, Capability.MPEGTS, Capability.AUTH_TOKEN).toNet("", 1);
    assertThat(CapabilityCheck.compatible(job, node)).isTrue();

    Capabilities hevc = CapabilitySet.of(Capability.H264, Capability.HEVC_ENCODE).toNet("", 1);
    assertThat(CapabilityCheck.compatible(hevc, node)).isFalse();

    Capabilities needsNewer = job.toBuilder()
        .setConstraints(Capabilities.Constraints.newBuilder().setMinVersion("0.10.0")).build();
    assertThat(CapabilityCheck.compatible(needsNewer, node)).isFalse();
    Capabilities needsOlder = job.toBuilder()
        .setConstraints(Capabilities.Constraints.newBuilder().setMinVersion("0.9.1-rc1")).build();
    assertThat(CapabilityCheck.compatible(needsOlder, node)).isTrue();
    Capabilities unversioned = node.toBuilder().setVersion("undefined").build();
    assertThat(CapabilityCheck.compatible(needsOlder, unversioned)).isFalse();

    Capabilities mandatory = node.toBuilder().addMandatories(1L << Capability.MP4.number()).build();
    assertThat(CapabilityCheck.compatible(job, mandatory)).isFalse();

    Capabilities longerJob = job.toBuilder().addBitstring(1L).build();
    assertThat(CapabilityCheck.compatible(longerJob, node)).isFalse();
  }

  @Test
  void presetLadderTravelsInFullProfiles() {
    List<VideoProfile> ladder = LadderParser.parsePresets("P240p30fps16x9,P360p30fps16x9");
    SegData segData = WireProfiles.putProfiles(SegData.newBuilder(), ladder).build();
    assertThat(segData.getFullProfilesCount()).isEqualTo(2);
    assertThat(segData.getFullProfiles(0).getFpsDen()).isZero();
    assertThat(WireProfiles.fromSegData(segData)).isEqualTo(ladder);
  }

  @Test
  void mp4AndCustomLaddersUseTheNewerFields() {
    VideoProfile mp4 = VideoProfile.of("a", 640, 360, 800_000, 30).withFormat(Format.MP4);
    SegData two = WireProfiles.putProfiles(SegData.newBuilder(), List.of(mp4)).build();
    assertThat(two.getFullProfiles2Count()).isEqualTo(1);

    VideoProfile fractional = new VideoProfile("b", 640, 360, 800_000, 30000, 1001, Format.MPEGTS,
        H264Profile.CONSTRAINED_HIGH, 2000, VideoCodec.H264, 0);
    SegData three = WireProfiles.putProfiles(SegData.newBuilder(), List.of(fractional)).build();
    assertThat(three.getFullProfiles3Count()).isEqualTo(1);
    assertThat(WireProfiles.fromSegData(three)).containsExactly(fractional);
  }

  @Test
  void wireProfileErrorsUseGoLivepeerText() {
    var base = dev.lpnode.wire.net.VideoProfile.newBuilder().setWidth(640).setHeight(360).setBitrate(1000);
    assertThat(WireProfiles.fromNet(base.build()).name()).isEqualTo("net_640x360_1000");
    assertThatThrownBy(() -> WireProfiles.fromNet(base.clone().setFormatValue(7).build()))
        .hasMessage("unrecognized profile output format");
    assertThatThrownBy(() -> WireProfiles.fromNet(base.clone().setProfileValue(9).build()))
        .hasMessage("unrecognized encoder profile");
    assertThatThrownBy(() -> WireProfiles.fromNet(base.clone().setEncoderValue(9).build()))
        .hasMessage("unrecognized video codec");
    assertThatThrownBy(() -> WireProfiles.fromNet(base.clone().setWidth(0).build()))
        .hasMessage("TranscoderInvalidResolution");
  }

  @Test
  void segmentSignatureMessageLayout() {
    byte[] hash = new byte[32];
    hash[31] = 7;
    byte[] flat = SegmentSignatureMessage.flatten("abc".getBytes(StandardCharsets.UTF_8), -5, hash, List.of("P240p30fps16x9"));
    String hex = HexFormat.of().formatHex(flat);
    assertThat(flat).hasSize(3 + 32 + 32 + 8);
    assertThat(hex).startsWith("616263" + "00".repeat(31) + "05" + "00".repeat(31) + "07");
    assertThat(new String(flat, 67, 8, StandardCharsets.US_ASCII)).isEqualTo("c0a6517a");
  }
}
