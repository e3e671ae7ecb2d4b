package dev.lpnode.bench.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.engine.EncoderConfig;
import dev.lpnode.transcoder.engine.FilterChain;
import dev.lpnode.transcoder.engine.OutputSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ffmpeg program's command line for one segment and ladder, with exactly the engine's settings:
 * the same filter chain per rendition (one filter graph each), the same encoder options and rate
 * control, explicit thread counts, audio copied into every output.
 */
final class FfmpegCommand {
  private FfmpegCommand() {}

  /**
   * @param inputWidth  the segment's video width (the engine sizes outputs from it too)
   * @param outputs     one target per profile: a file name, or {@code /dev/null}
   * @param stages      which work to include: everything, or a prefix of it for the stage profile
   */
  static List<String> build(String program, String input, int inputWidth, int inputHeight,
      List<VideoProfile> profiles, EngineSettings settings, List<String> outputs, Stages stages) {
    // Log level info only so that -benchmark reports the process's CPU time.
    List<String> args = new ArrayList<>(List.of(program, "-hide_banner", "-loglevel", "info", "-nostdin", "-y",
        "-nostats", "-benchmark", "-filter_threads", "1", "-threads", Integer.toString(settings.decoderThreads()),
        "-i", input));
    for (int i = 0; i < profiles.size(); i++) {
      VideoProfile profile = profiles.get(i);
      OutputSize size = OutputSize.of(profile, inputWidth, inputHeight);
      args.addAll(List.of("-map", "0:v:0"));
      if (stages == Stages.DECODE) {
        args.addAll(List.of("-f", "null", "-"));
        break; // one output is enough to decode every frame once
      }
      args.addAll(List.of("-vf", FilterChain.of(profile, size, false), "-fps_mode", "passthrough"));
      if (stages == Stages.SCALE) {
        args.addAll(List.of("-f", "null", "-"));
        continue;
      }
      args.addAll(encoder(EncoderConfig.of(profile, settings)));
      if (stages == Stages.ENCODE) {
        args.addAll(List.of("-f", "null", "-"));
      } else {
        args.addAll(List.of("-map", "0:a:0?", "-c:a", "copy", "-f", "mpegts", outputs.get(i)));
      }
    }
    args.addAll(List.of("-progress", "pipe:1"));
    return args;
  }

  private static List<String> encoder(EncoderConfig config) {
    String bitrate = Integer.toString(config.bitrate());
    List<String> args = new ArrayList<>(List.of("-c:v", config.encoder(), "-threads", Integer.toString(config.threads()),
        "-b:v", bitrate, "-minrate", bitrate, "-maxrate", bitrate, "-bufsize", bitrate,
        "-bf", Integer.toString(config.bFrames())));
    for (Map.Entry<String, String> option : config.options().entrySet()) {
      args.addAll(List.of("-" + option.getKey() + ":v", option.getValue()));
    }
    if (config.gopFrames() != EncoderConfig.ENCODER_DEFAULT) {
      args.addAll(List.of("-g", Integer.toString(config.gopFrames())));
    }
    if (config.keyframeIntervalMs() > 0) {
      args.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + config.keyframeIntervalMs() / 1000.0 + ")"));
    }
    return args;
  }

  /** How much of the work a command does: the stage profile subtracts one from the next. */
  enum Stages {
    DECODE, SCALE, ENCODE, ALL
  }
}
