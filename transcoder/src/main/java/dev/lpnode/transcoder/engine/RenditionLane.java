package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One rendition of a segment, on its own thread: decoded frames (references shared with the other
 * renditions) go through this rendition's filter graph, encoder and muxer. Renditions of one segment
 * thus run in parallel, the way the ffmpeg 7 program runs each output's filter and encoder.
 */
final class RenditionLane implements Runnable {
  /** lpms's runaway guard: an output may not have more than this many frames per decoded frame. */
  static final int MAX_FRAMES_PER_DECODED = 25;
  static final int QUEUE = 8;
  private static final Object END = new Object();

  private final VideoProfile profile;
  private final EncoderConfig config;
  private final OutputSize size;
  private final String chain;
  private final Rational timeBase;
  private final Rational frameRate;
  private final AudioTrack audio;
  private final AtomicLong decodedFrames;
  private final int expectedBytes;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
  private final CompletableFuture<Rendition> result = new CompletableFuture<>();
  private volatile boolean failed;

  private RenditionFilter filter;
  private RenditionEncoder encoder;
  private RenditionMuxer muxer;
  private AVFrame filtered;
  private long frames;
  private long nextKeyframe;
  private long keyframeInterval;
  private long frameDuration;
  private boolean ended;

  /**
   * @param timeBase      time base of the decoded frames
   * @param frameRate     the source frame rate
   * @param audio         the input's audio, copied into the output; null for none
   * @param decodedFrames frames decoded so far in this segment (for the runaway guard)
   */
  RenditionLane(VideoProfile profile, EncoderConfig config, OutputSize size, String chain, Rational timeBase,
      Rational frameRate, AudioTrack audio, AtomicLong decodedFrames, long durationMs) {
    this.profile = profile;
    this.config = config;
    this.size = size;
    this.chain = chain;
    this.timeBase = timeBase;
    this.frameRate = frameRate;
    this.audio = audio;
    this.decodedFrames = decodedFrames;
    this.expectedBytes = (int) Math.min(64L << 20, (long) profile.bitrate() * Math.max(durationMs, 1000) / 8000 * 3 / 2 + 65536);
  }

  /** Hands over a decoded frame reference; blocks while this rendition is {@value #QUEUE} frames behind. */
  void offerFrame(AVFrame frame) {
    put(frame);
  }

  /** Hands over an audio packet reference to copy into the output. */
  void offerAudio(AVPacket packet) {
    put(packet);
  }

  /** No more input: finish the output. */
  void end() {
    put(END);
  }

  boolean failed() {
    return failed;
  }

  CompletableFuture<Rendition> result() {
    return result;
  }

  private void put(Object item) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the lane always drains its queue, so this wait is short
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Object take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TranscodeException(TranscodeException.Kind.STOPPED);
    }
  }

  @Override
  public void run() {
    Rendition rendition = null;
    Throwable failure = null;
    try {
      filtered = av_frame_alloc();
      for (Object item = take(); item != END; item = take()) {
        if (item instanceof AVFrame frame) {
          video(frame);
        } else {
          audio((AVPacket) item);
        }
      }
      ended = true;
      rendition = finish();
    } catch (Throwable t) {
      failed = true;
      failure = t;
      discardUntilEnd();
    } finally {
      close();
    }
    // Completed only now, so a finished segment has freed every native object of its renditions.
    if (failure == null) {
      result.complete(rendition);
    } else {
      result.completeExceptionally(failure);
    }
  }

  private void audio(AVPacket packet) {
    try {
      if (muxer != null) {
        muxer.writeAudio(packet);
      }
    } finally {
      av_packet_free(packet);
    }
  }

  private void video(AVFrame frame) {
    try {
      if (filter == null) {
        open(frame);
      } else if (!filter.accepts(frame)) {
        // Size or format changed mid-segment: drain the old graph, scale the new input to the same output.
        filter.push(null);
        encodeFiltered();
        filter.close();
        filter = null;
        filter = RenditionFilter.open(frame, timeBase, frameRate, chain);
      }
      filter.push(frame);
    } finally {
      av_frame_free(frame);
    }
    encodeFiltered();
  }

  private void open(AVFrame first) {
    filter = RenditionFilter.open(first, timeBase, frameRate, chain);
    encoder = RenditionEncoder.open(config, filter, RenditionMuxer.needsGlobalHeader(profile.format()));
    if (encoder.width() != size.width() || encoder.height() != size.height()) {
      throw new IllegalStateException("filter produced " + encoder.width() + "x" + encoder.height() + ", expected " + size);
    }
    muxer = RenditionMuxer.open(profile.format(), encoder, audio, expectedBytes);
    Rational tb = encoder.timeBase();
    if (config.keyframeIntervalMs() > 0) {
      keyframeInterval = Math.max(1, config.keyframeIntervalMs() * (long) tb.den() / (1000L * tb.num()));
    }
    Rational rate = encoder.frameRate();
    frameDuration = Math.max(1, (long) tb.den() * rate.den() / ((long) tb.num() * rate.num()));
  }

  private void encodeFiltered() {
    while (filter.pull(filtered)) {
      try {
        frames++;
        if (frames > MAX_FRAMES_PER_DECODED * Math.max(1, decodedFrames.get())) {
          throw new TranscodeException(TranscodeException.Kind.RUNAWAY);
        }
        filtered.pict_type(forceKeyframe(filtered.pts()) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        encoder.encode(filtered, this::write);
      } finally {
        av_frame_unref(filtered);
      }
    }
  }

  private void write(AVPacket packet) {
    if (packet.duration() <= 0) {
      // libx264 leaves it unset; without it MP4's edit list ends where the last frame starts and hides it.
      packet.duration(frameDuration);
    }
    muxer.writeVideo(packet);
  }

  /** Every output starts with an IDR; with a time-based GOP (fps passthrough) one follows every interval. */
  private boolean forceKeyframe(long pts) {
    if (frames == 1 || (keyframeInterval > 0 && pts >= nextKeyframe)) {
      nextKeyframe = pts + keyframeInterval;
      return true;
    }
    return false;
  }

  private Rendition finish() {
    if (filter == null) {
      throw new IllegalStateException("rendition " + profile.name() + " received no video");
    }
    filter.push(null);
    encodeFiltered();
    encoder.encode(null, this::write);
    byte[] data = muxer.finish();
    return new Rendition(profile, encoder.width(), encoder.height(), frames, frames * size.pixels(), data);
  }

  private void discardUntilEnd() {
    while (!ended) {
      Object item = take();
      if (item == END) {
        ended = true;
      } else if (item instanceof AVFrame frame) {
        av_frame_free(frame);
      } else {
        av_packet_free((AVPacket) item);
      }
    }
  }

  private void close() {
    if (muxer != null) {
      muxer.close();
    }
    if (encoder != null) {
      encoder.close();
    }
    if (filter != null) {
      filter.close();
    }
    av_frame_free(filtered);
  }
}
