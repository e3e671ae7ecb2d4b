package dev.lpnode.wire;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.config.ladder.VideoProfile.Format;
import dev.lpnode.config.ladder.VideoProfile.H264Profile;
import dev.lpnode.config.ladder.VideoProfile.VideoCodec;
import dev.lpnode.wire.net.SegData;
import java.util.ArrayList;
import java.util.List;

/** Converts ladders between our {@link VideoProfile} and the wire's {@code net.VideoProfile}. */
public final class WireProfiles {
  private WireProfiles() {}

  /** The profiles a segment asks for: fullProfiles3 if present, else fullProfiles2, else fullProfiles. */
  public static List<VideoProfile> fromSegData(SegData segData) {
    List<dev.lpnode.wire.net.VideoProfile> wire = !segData.getFullProfiles3List().isEmpty()
        ? segData.getFullProfiles3List()
        : !segData.getFullProfiles2List().isEmpty() ? segData.getFullProfiles2List() : segData.getFullProfilesList();
    List<VideoProfile> profiles = new ArrayList<>(wire.size());
    for (dev.lpnode.wire.net.VideoProfile p : wire) {
      profiles.add(fromNet(p));
    }
    return profiles;
  }

  /** One wire profile, with go-livepeer's errors for values it does not recognise. */
  public static VideoProfile fromNet(dev.lpnode.wire.net.VideoProfile p) {
    String name = p.getName().isEmpty() ? VideoProfile.defaultName("net_", p.getWidth(), p.getHeight(), p.getBitrate()) : p.getName();
    Format format = switch (p.getFormat()) {
      case MPEGTS -> Format.MPEGTS;
      case MP4 -> Format.MP4;
      default -> throw new WireException("unrecognized profile output format");
    };
    H264Profile profile = switch (p.getProfile()) {
      case ENCODER_DEFAULT -> H264Profile.NONE;
      case H264_BASELINE -> H264Profile.BASELINE;
      case H264_MAIN -> H264Profile.MAIN;
      case H264_HIGH -> H264Profile.HIGH;
      case H264_CONSTRAINED_HIGH -> H264Profile.CONSTRAINED_HIGH;
      default -> throw new WireException("unrecognized encoder profile");
    };
    VideoCodec codec = switch (p.getEncoder()) {
      case H264 -> VideoCodec.H264;
      case H265 -> VideoCodec.H265;
      case VP8 -> VideoCodec.VP8;
      case VP9 -> VideoCodec.VP9;
      default -> throw new WireException("unrecognized video codec");
    };
    if (p.getWidth() <= 0 || p.getHeight() <= 0) {
      throw new WireException("TranscoderInvalidResolution");
    }
    if (p.getBitrate() < 0) {
      throw new WireException("TranscoderInvalidVideo");
    }
    if (p.getGop() < VideoProfile.GOP_INTRA_ONLY) {
      throw new WireException("TranscoderInvalidGOP");
    }
    if (p.getFps() > Integer.MAX_VALUE || p.getFpsDen() > Integer.MAX_VALUE || p.getQuality() > Integer.MAX_VALUE) {
      throw new WireException("TranscoderInvalidVideo");
    }
    return new VideoProfile(name, p.getWidth(), p.getHeight(), p.getBitrate(), p.getFps(), p.getFpsDen(),
        format, profile, p.getGop(), codec, p.getQuality());
  }

  public static dev.lpnode.wire.net.VideoProfile toNet(VideoProfile p) {
    return dev.lpnode.wire.net.VideoProfile.newBuilder()
        .setName(p.name())
        .setWidth(p.width())
        .setHeight(p.height())
        .setBitrate(p.bitrate())
        .setFps(p.fps())
        // go-livepeer leaves the denominator 0 for integer rates; 0 and 1 mean the same.
        .setFpsDen(p.fpsDen() == 1 ? 0 : p.fpsDen())
        .setFormat(p.format() == Format.MP4 ? dev.lpnode.wire.net.VideoProfile.Format.MP4 : dev.lpnode.wire.net.VideoProfile.Format.MPEGTS)
        .setProfile(switch (p.profile()) {
          case NONE -> dev.lpnode.wire.net.VideoProfile.Profile.ENCODER_DEFAULT;
          case BASELINE -> dev.lpnode.wire.net.VideoProfile.Profile.H264_BASELINE;
          case MAIN -> dev.lpnode.wire.net.VideoProfile.Profile.H264_MAIN;
          case HIGH -> dev.lpnode.wire.net.VideoProfile.Profile.H264_HIGH;
          case CONSTRAINED_HIGH -> dev.lpnode.wire.net.VideoProfile.Profile.H264_CONSTRAINED_HIGH;
        })
        .setGop(p.gopMs())
        .setEncoder(switch (p.codec()) {
          case H264 -> dev.lpnode.wire.net.VideoProfile.VideoCodec.H264;
          case H265 -> dev.lpnode.wire.net.VideoProfile.VideoCodec.H265;
          case VP8 -> dev.lpnode.wire.net.VideoProfile.VideoCodec.VP8;
          case VP9 -> dev.lpnode.wire.net.VideoProfile.VideoCodec.VP9;
        })
        .setQuality(p.quality())
        .build();
  }

  /**
   * Puts a ladder into the SegData field an older orchestrator still understands, as go-livepeer's
   * gateway does: fullProfiles when every output is MPEG-TS with an integer frame rate, default
   * H.264 profile and default GOP; fullProfiles2 when only the container differs; else fullProfiles3.
   */
  public static SegData.Builder putProfiles(SegData.Builder segData, List<VideoProfile> ladder) {
    List<dev.lpnode.wire.net.VideoProfile> wire = ladder.stream().map(WireProfiles::toNet).toList();
    boolean allTs = ladder.stream().allMatch(p -> p.format() == Format.MPEGTS);
    boolean plain = ladder.stream().allMatch(p -> p.fpsDen() == 1 && p.profile() == H264Profile.NONE && p.gopMs() == VideoProfile.GOP_DEFAULT);
    if (plain && allTs) {
      return segData.addAllFullProfiles(wire);
    }
    return plain ? segData.addAllFullProfiles2(wire) : segData.addAllFullProfiles3(wire);
  }
}
