package dev.lpnode.orchestrator.segment;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.MediaInfo;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeResult;
import java.util.List;

/**
 * The orchestrator's check of its own output before it bills for it: the right number of
 * renditions, none empty (go-livepeer's {@code MismatchedSegments} and {@code ZeroSegments}), and
 * each one decodable, starting with a keyframe, of the codec asked for, with the size, frame count
 * and pixels the engine reported (which is what a gateway's {@code -localVerify} recounts).
 * Decoding blocks for tens of milliseconds per rendition: call off the event loop.
 */
public final class RenditionVerifier {
  static final int MIN_RENDITION_BYTES = 25;

  /** A rendition that failed its check; the segment is an error, not a billed result. */
  public static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  public void verify(TranscodeResult result, List<VideoProfile> profiles) {
    if (result.renditions().size() != profiles.size()) {
      throw new Failed("MismatchedSegments");
    }
    for (Rendition r : result.renditions()) {
      if (r.data().length < MIN_RENDITION_BYTES) {
        throw new Failed("ZeroSegments");
      }
    }
    for (Rendition r : result.renditions()) {
      verify(r);
    }
  }

  private static void verify(Rendition r) {
    String name = r.profile().name();
    MediaInfo info;
    try {
      info = MediaProbe.probe(r.data());
    } catch (TranscodeException e) {
      throw new Failed("rendition " + name + " failed verification: not decodable (" + e.getMessage() + ")");
    }
    if (info.frames() != r.frames() || info.pixels() != r.pixels()) {
      throw new Failed("rendition " + name + " failed verification: decoded " + info.frames() + " frames / "
          + info.pixels() + " pixels, engine reported " + r.frames() + " / " + r.pixels());
    }
    if (r.frames() == 0) {
      return; // an audio-only segment passed through as every rendition
    }
    if (info.width() != r.width() || info.height() != r.height()) {
      throw new Failed("rendition " + name + " failed verification: decoded " + info.width() + "x" + info.height()
          + ", engine reported " + r.width() + "x" + r.height());
    }
    if (!info.keyframeFirst()) {
      throw new Failed("rendition " + name + " failed verification: does not start with a keyframe");
    }
    String codec = codecName(r.profile().codec());
    if (!codec.equals(info.videoCodec())) {
      throw new Failed("rendition " + name + " failed verification: codec " + info.videoCodec() + ", expected " + codec);
    }
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
