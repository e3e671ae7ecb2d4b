package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.TranscodeException;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One rendition of a segment, in two stages: this one puts decoded frames (references shared with the
 * other renditions) through the rendition's filter graph, and its {@link RenditionOutput} encodes and
 * muxes what comes out. Renditions of one segment thus run in parallel, and so do each one's scaling
 * and encoding, the way the ffmpeg 7 program runs each output's filter and encoder.
 */
final class RenditionLane extends RenditionStage {
  /** lpms's runaway guard: an output may not have more than this many frames per decoded frame. */
  static final int MAX_FRAMES_PER_DECODED = 25;

  private final VideoProfile profile;
  private final EncoderConfig config;
  private final OutputSize size;
  private final String chain;
  private final Rational timeBase;
  private final Rational frameRate;
  private final AudioTrack audio;
  private final AtomicLong decodedFrames;
  private final int expectedBytes;
  private final RenditionOutput output;

  private RenditionFilter filter;
  private boolean started;
  private long frames;
  private long nextKeyframe;
  private long keyframeInterval;

  /**
   * @param timeBase      time base of the decoded frames
   * @param frameRate     the source frame rate
   * @param audio         the input's audio, copied into the output; null for none
   * @param decodedFrames frames decoded so far in this segment (for the runaway guard)
   * @param checkOutput   whether the output checks the finished file ({@link OutputCheck})
   */
  RenditionLane(StepScheduler scheduler, VideoProfile profile, EncoderConfig config, OutputSize size, String chain,
      Rational timeBase, Rational frameRate, AudioTrack audio, AtomicLong decodedFrames, long durationMs,
      boolean checkOutput) {
    super(scheduler);
    this.profile = profile;
    this.config = config;
    this.size = size;
    this.chain = chain;
    this.timeBase = timeBase;
    this.frameRate = frameRate;
    this.audio = audio;
    this.decodedFrames = decodedFrames;
    this.expectedBytes = (int) Math.min(64L << 20, (long) profile.bitrate() * Math.max(durationMs, 1000) / 8000 * 3 / 2 + 65536);
    this.output = new RenditionOutput(scheduler, profile, size, checkOutput);
  }

  OutputSize size() {
    return size;
  }

  /** The stage that encodes and muxes this rendition, and holds the result. */
  RenditionOutput output() {
    return output;
  }

  @Override
  boolean outputHasRoom() {
    return output.hasRoom();
  }

  @Override
  void releaseNatives() {
    if (filter != null) {
      filter.close();
    }
  }

  @Override
  void finish() {
    if (filter == null) {
      throw new IllegalStateException("rendition " + profile.name() + " received no video");
    }
    filter.push(null);
    forwardFiltered();
    output.end();
  }

  @Override
  void audio(AVPacket packet) {
    if (started) {
      output.offerAudio(packet);
    } else {
      av_packet_free(packet);
    }
  }

  /** A decoded frame, shared by reference with the other renditions. */
  @Override
  void frame(AVFrame frame) {
    try {
      if (filter == null) {
        open(frame);
      } else if (!filter.accepts(frame)) {
        // Size or format changed mid-segment: drain the old graph, scale the new input to the same output.
        filter.push(null);
        forwardFiltered();
        filter.close();
        filter = null;
        filter = RenditionFilter.open(frame, timeBase, frameRate, chain);
      }
      filter.push(frame);
    } finally {
      av_frame_free(frame);
    }
    forwardFiltered();
  }

  private void open(AVFrame first) {
    filter = RenditionFilter.open(first, timeBase, frameRate, chain);
    RenditionEncoder encoder = RenditionEncoder.open(config, filter, RenditionMuxer.needsGlobalHeader(profile.format()));
    RenditionMuxer muxer = null;
    try {
      if (encoder.width() != size.width() || encoder.height() != size.height()) {
        throw new IllegalStateException("filter produced " + encoder.width() + "x" + encoder.height() + ", expected " + size);
      }
      muxer = RenditionMuxer.open(profile.format(), encoder, audio, expectedBytes);
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
    Rational tb = encoder.timeBase();
    if (config.keyframeIntervalMs() > 0) {
      keyframeInterval = Math.max(1, config.keyframeIntervalMs() * (long) tb.den() / (1000L * tb.num()));
    }
    Rational rate = encoder.frameRate();
    long frameDuration = Math.max(1, (long) tb.den() * rate.den() / ((long) tb.num() * rate.num()));
    output.start(encoder, muxer, frameDuration);
    started = true;
  }

  /** Moves every frame the filter has ready to the output, deciding which ones are keyframes. */
  private void forwardFiltered() {
    while (true) {
      AVFrame frame = av_frame_alloc();
      if (frame == null) {
        throw new OutOfMemoryError("av_frame_alloc");
      }
      boolean pulled = false;
      try {
        pulled = filter.pull(frame);
      } finally {
        if (!pulled) {
          av_frame_free(frame);
        }
      }
      if (!pulled) {
        return;
      }
      frames++;
      if (frames > MAX_FRAMES_PER_DECODED * Math.max(1, decodedFrames.get())) {
        av_frame_free(frame);
        throw new TranscodeException(TranscodeException.Kind.RUNAWAY);
      }
      frame.pict_type(forceKeyframe(frame.pts()) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
      output.offerFrame(frame);
    }
  }

  /** Every output starts with an IDR; with a time-based GOP (fps passthrough) one follows every interval. */
  private boolean forceKeyframe(long pts) {
    if (frames == 1 || (keyframeInterval > 0 && pts >= nextKeyframe)) {
      nextKeyframe = pts + keyframeInterval;
      return true;
    }
    return false;
  }
}
