package dev.lpnode.transcoder.engine;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.config.ladder.VideoProfile.H264Profile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.TranscodeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoder, rate control and keyframe settings of one rendition, derived from its profile the way lpms
 * does (spec/protocol.md §10). The bench's ffmpeg baseline builds its command line from the same values.
 *
 * @param encoder            FFmpeg encoder name
 * @param bitrate            bit/s, applied as min = average = max = VBV buffer size
 * @param gopFrames          keyframe interval in frames, 0 for intra-only, {@link #ENCODER_DEFAULT} to leave it
 * @param bFrames            maximum consecutive B-frames
 * @param keyframeIntervalMs force a keyframe this often (fps passthrough with a GOP); 0 for none
 * @param threads            encoder threads; set explicitly, never auto
 * @param options            encoder private options (preset, profile, forced-idr, crf …) in a stable order
 */
public record EncoderConfig(
    String encoder, int bitrate, int gopFrames, int bFrames, int keyframeIntervalMs, int threads,
    Map<String, String> options) {

  public static final int ENCODER_DEFAULT = -1;
  private static final int MAX_CRF = 63;
  private static final int MAX_CQ = 51;

  public static EncoderConfig of(VideoProfile profile, EngineSettings settings) {
    boolean nvenc = settings.nvidia();
    String encoder = switch (profile.codec()) {
      case H264 -> nvenc ? "h264_nvenc" : "libx264";
      case H265 -> nvenc ? "hevc_nvenc" : "libx265";
      case VP8, VP9 -> throw new TranscodeException(TranscodeException.Kind.INVALID_PROFILE);
    };
    Map<String, String> options = new LinkedHashMap<>();
    options.put("preset", nvenc ? settings.nvencPreset() : settings.x264Preset());
    options.put("forced-idr", "1");
    if (profile.codec() == VideoProfile.VideoCodec.H264 && !profile.profile().x264Name().isEmpty()) {
      options.put("profile", profile.profile().x264Name());
    }
    if (encoder.equals("libx265")) {
      // x265 otherwise starts a thread pool as large as the machine for every encoder.
      options.put("x265-params", "pools=" + settings.encoderThreads() + ":frame-threads=1:log-level=error");
    }
    if (profile.quality() > 0) {
      if (nvenc) {
        options.put("cq", Integer.toString(Math.min(profile.quality() + 7, MAX_CQ)));
      } else if (profile.quality() <= MAX_CRF) {
        options.put("crf", Integer.toString(profile.quality()));
      }
    }

    int gopFrames = ENCODER_DEFAULT;
    int keyframeIntervalMs = 0;
    if (profile.gopMs() == VideoProfile.GOP_INTRA_ONLY) {
      gopFrames = 0;
    } else if (profile.gopMs() > 0) {
      if (profile.fps() > 0) {
        gopFrames = (int) (profile.gopMs() / 1000.0 * profile.fps());
      } else {
        keyframeIntervalMs = profile.gopMs();
      }
    }
    return new EncoderConfig(encoder, profile.bitrate(), gopFrames, bFrames(profile, nvenc), keyframeIntervalMs,
        settings.encoderThreads(), Collections.unmodifiableMap(options));
  }

  /** lpms's B-frame rule; NVENC also gets none with fps passthrough (it mis-computes DTS there). */
  private static int bFrames(VideoProfile profile, boolean nvenc) {
    if (nvenc && profile.fpsPassthrough()) {
      return 0;
    }
    H264Profile h264 = profile.profile();
    if (h264.forbidsBFrames()) {
      return 0;
    }
    return h264 == H264Profile.NONE && nvenc ? 0 : 3;
  }
}
