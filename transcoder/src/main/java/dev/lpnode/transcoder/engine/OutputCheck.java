package dev.lpnode.transcoder.engine;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.MediaInfo;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;

/**
 * The engine's check of its own output before anyone bills for it: a rendition is decoded and must
 * start with a keyframe, be of the codec asked for, and have exactly the size, frames and pixels the
 * engine reports (what a gateway's {@code -localVerify} recounts). Each rendition is checked in the
 * last step of its {@link RenditionOutput}, in parallel with the others, inside the worker process that
 * made it; {@link dev.lpnode.transcoder.EngineSettings#checkOutput()} turns it off (the bench, to
 * compare like for like).
 */
final class OutputCheck {
  private OutputCheck() {}

  /** @throws TranscodeException of kind {@code OUTPUT_CHECK} naming the rendition and what differs */
  static Rendition check(Rendition r) {
    MediaInfo info;
    try {
      info = Probe.probe(r.data());
    } catch (TranscodeException e) {
      throw failed(r, "not decodable (" + e.getMessage() + ")");
    }
    if (info.frames() != r.frames() || info.pixels() != r.pixels()) {
      throw failed(r, "decoded " + info.frames() + " frames / " + info.pixels() + " pixels, engine reported "
          + r.frames() + " / " + r.pixels());
    }
    if (info.width() != r.width() || info.height() != r.height()) {
      throw failed(r, "decoded " + info.width() + "x" + info.height() + ", engine reported " + r.width() + "x"
          + r.height());
    }
    if (!info.keyframeFirst()) {
      throw failed(r, "does not start with a keyframe");
    }
    String codec = codecName(r.profile().codec());
    if (!codec.equals(info.videoCodec())) {
      throw failed(r, "codec " + info.videoCodec() + ", expected " + codec);
    }
    return r;
  }

  private static TranscodeException failed(Rendition r, String why) {
    return new TranscodeException(TranscodeException.Kind.OUTPUT_CHECK,
        "rendition " + r.profile().name() + " failed verification: " + why);
  }

  private static String codecName(VideoProfile.VideoCodec codec) {
    return switch (codec) {
      case H264 -> "h264";
      case H265 -> "hevc";
      case VP8 -> "vp8";
      case VP9 -> "vp9";
    };
  }
}
