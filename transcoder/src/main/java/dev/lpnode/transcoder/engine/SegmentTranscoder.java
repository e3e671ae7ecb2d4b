package dev.lpnode.transcoder.engine;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Transcodes one segment into every rendition of its ladder: demux and decode once ({@link DecodeStage}),
 * then scale ({@link RenditionLane}) and encode ({@link RenditionOutput}) each rendition, with the stages
 * run step by step by a {@link StepScheduler}. Everything is in memory and every native object is freed
 * before this returns or throws.
 */
public final class SegmentTranscoder {
  /** lpms's limit on renditions per segment. */
  static final int MAX_OUTPUTS = 10;

  private final EngineSettings settings;
  private final Executor helperThreads;
  private final GpuDevice gpu;

  /**
   * @param helperThreads runs the threads that help the calling one through a segment's steps; any
   *                      bound is safe (the calling thread can run every step alone)
   * @param gpu           the GPU to decode, scale and encode on, or null for software
   */
  public SegmentTranscoder(EngineSettings settings, Executor helperThreads, GpuDevice gpu) {
    this.settings = settings;
    this.helperThreads = helperThreads;
    this.gpu = gpu;
    FFmpeg.load();
  }

  /**
   * Checks the segment's content against its declared duration ({@link ContentCheck}), then transcodes
   * it, unless {@code stop} is given first.
   */
  public TranscodeResult transcode(TranscodeRequest request, StopSignal stop) {
    List<VideoProfile> profiles = request.profiles();
    if (profiles.size() > MAX_OUTPUTS) {
      throw new TranscodeException(TranscodeException.Kind.TOO_MANY_OUTPUTS);
    }
    List<EncoderConfig> configs = profiles.stream().map(p -> EncoderConfig.of(p, settings)).toList();
    ContentCheck.check(request.segment(), request.durationMs());
    try (SegmentInput input = SegmentInput.open(request.segment())) {
      if (!input.hasVideo()) {
        throw new TranscodeException(TranscodeException.Kind.INVALID_VIDEO);
      }
      StepScheduler scheduler = new StepScheduler(stop);
      DecodeStage decode = new DecodeStage(scheduler, request, configs, input, settings.decoderThreads(), gpu,
          settings.checkOutput() && request.checkOutput());
      scheduler.add(List.of(decode));
      Throwable failure = scheduler.run(helperThreads, threads(profiles.size()));
      if (failure != null) {
        throw asTranscodeFailure(failure);
      }
      return decode.result();
    }
  }

  /**
   * Software steps keep a core busy, so a segment needs no more threads than cores. GPU steps mostly wait
   * for the device, so there every stage (the decoder, and a filter and an encoder per rendition) gets one.
   */
  private int threads(int renditions) {
    int stages = 1 + 2 * renditions;
    return gpu != null ? stages : Math.min(stages, Runtime.getRuntime().availableProcessors());
  }

  /** Stage failures can be anything; unexpected ones become FFmpeg-style errors rather than crashes. */
  private static RuntimeException asTranscodeFailure(Throwable t) {
    if (t instanceof TranscodeException e) {
      return e;
    }
    return new TranscodeException(TranscodeException.Kind.FFMPEG, String.valueOf(t.getMessage() != null ? t.getMessage() : t));
  }
}
