package dev.lpnode.transcoder;

import java.util.List;
import java.util.Objects;

/**
 * How the engine encodes: encoder presets, explicit thread counts (never encoder auto-threads, which
 * oversubscribe a box running many encoders), and the GPUs to use.
 *
 * @param x264Preset     libx264 preset for every software rendition
 * @param nvencPreset    h264_nvenc / hevc_nvenc preset
 * @param encoderThreads threads per software encoder
 * @param decoderThreads threads per decoder
 * @param nvidiaDevices  CUDA device ordinals to decode, scale and encode on; empty for software
 * @param nvencSessionCap NVENC sessions one GPU may run at once (each rendition is one session)
 * @param checkOutput    decode every rendition after encoding and compare it with what the engine
 *                       reports (the node bills only checked renditions; the bench may turn it off to
 *                       compare like for like with the ffmpeg program)
 */
public record EngineSettings(
    String x264Preset, String nvencPreset, int encoderThreads, int decoderThreads,
    List<Integer> nvidiaDevices, int nvencSessionCap, boolean checkOutput) {

  public static final String DEFAULT_X264_PRESET = "veryfast";
  public static final String DEFAULT_NVENC_PRESET = "p4";
  /** Current GeForce drivers allow 8 concurrent NVENC sessions; datacenter GPUs have no cap. */
  public static final int DEFAULT_NVENC_SESSION_CAP = 8;

  public EngineSettings {
    Objects.requireNonNull(x264Preset, "x264Preset");
    Objects.requireNonNull(nvencPreset, "nvencPreset");
    nvidiaDevices = List.copyOf(nvidiaDevices);
    if (encoderThreads < 1 || decoderThreads < 1) {
      throw new IllegalArgumentException("thread counts must be at least 1");
    }
    if (nvencSessionCap < 1) {
      throw new IllegalArgumentException("nvencSessionCap must be at least 1");
    }
  }

  /** libx264 {@code veryfast}, one thread per encoder and decoder, no GPU, output checked. */
  public static EngineSettings software() {
    return new EngineSettings(DEFAULT_X264_PRESET, DEFAULT_NVENC_PRESET, 1, 1, List.of(), DEFAULT_NVENC_SESSION_CAP,
        true);
  }

  public EngineSettings withX264Preset(String preset) {
    return new EngineSettings(preset, nvencPreset, encoderThreads, decoderThreads, nvidiaDevices, nvencSessionCap, checkOutput);
  }

  public EngineSettings withThreads(int encoder, int decoder) {
    return new EngineSettings(x264Preset, nvencPreset, encoder, decoder, nvidiaDevices, nvencSessionCap, checkOutput);
  }

  public EngineSettings withNvidia(List<Integer> devices, int sessionCap) {
    return new EngineSettings(x264Preset, nvencPreset, encoderThreads, decoderThreads, devices, sessionCap, checkOutput);
  }

  public EngineSettings withOutputCheck(boolean check) {
    return new EngineSettings(x264Preset, nvencPreset, encoderThreads, decoderThreads, nvidiaDevices, nvencSessionCap,
        check);
  }

  public boolean nvidia() {
    return !nvidiaDevices.isEmpty();
  }
}
