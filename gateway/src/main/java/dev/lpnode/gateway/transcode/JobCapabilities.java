package dev.lpnode.gateway.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.wire.Capability;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.net.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities a transcoding job requires, set as go-livepeer's gateway sets them
 * (protocol.md §1.3): the auth token always, the input codec, and per output its container,
 * encoder, fractional frame rate, H.264 profile and GOP. Orchestrators that lack any of them are
 * not used for the job.
 */
public final class JobCapabilities {
  private JobCapabilities() {}

  /**
   * @param profiles   the ladder
   * @param inputCodec FFmpeg's name of the source video codec ({@code h264}, {@code hevc}, {@code vp8},
   *                   {@code vp9}); anything else adds no decode capability
   * @param minVersion {@code -orchMinLivepeerVersion}, or empty for any version
   */
  public static Capabilities of(List<VideoProfile> profiles, String inputCodec, String minVersion) {
    List<Capability> caps = new ArrayList<>();
    caps.add(Capability.AUTH_TOKEN);
    switch (inputCodec) {
      case "h264" -> caps.add(Capability.H264);
      case "hevc" -> caps.add(Capability.HEVC_DECODE);
      case "vp8" -> caps.add(Capability.VP8_DECODE);
      case "vp9" -> caps.add(Capability.VP9_DECODE);
      default -> { }
    }
    for (VideoProfile p : profiles) {
      caps.add(p.format() == VideoProfile.Format.MP4 ? Capability.MP4 : Capability.MPEGTS);
      caps.add(switch (p.codec()) {
        case H264 -> Capability.H264;
        case H265 -> Capability.HEVC_ENCODE;
        case VP8 -> Capability.VP8_ENCODE;
        case VP9 -> Capability.VP9_ENCODE;
      });
      if (p.fpsDen() > 1) {
        caps.add(Capability.FRACTIONAL_FRAMERATES);
      }
      switch (p.profile()) {
        case NONE -> { }
        case BASELINE -> caps.add(Capability.PROFILE_H264_BASELINE);
        case MAIN -> caps.add(Capability.PROFILE_H264_MAIN);
        case HIGH -> caps.add(Capability.PROFILE_H264_HIGH);
        case CONSTRAINED_HIGH -> caps.add(Capability.PROFILE_H264_CONSTRAINED_HIGH);
      }
      if (p.gopMs() != VideoProfile.GOP_DEFAULT) {
        caps.add(Capability.GOP);
      }
    }
    Capabilities.Builder net = CapabilitySet.of(caps).toNet("", 1).toBuilder();
    if (!minVersion.isEmpty()) {
      net.getConstraintsBuilder().setMinVersion(minVersion);
    }
    return net.build();
  }
}
