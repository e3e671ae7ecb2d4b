package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXTERNAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.lpnode.transcoder.TranscodeException;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Decodes one video stream, giving each frame a clean, strictly increasing timestamp. */
final class VideoDecoder implements AutoCloseable {
  /** Assumed when neither the bitstream nor the container states a usable frame rate. */
  static final Rational FALLBACK_FRAME_RATE = new Rational(30, 1);

  private final AVCodecContext context;
  private final boolean gpu;
  private final AVFrame frame = av_frame_alloc();
  private final PtsFixer pts;
  private final Rational containerFrameRate;
  private long errors;

  private VideoDecoder(AVCodecContext context, AVStream stream, boolean gpu) {
    this.context = context;
    this.gpu = gpu;
    this.containerFrameRate = sane(Rational.of(stream.avg_frame_rate()))
        .or(() -> sane(Rational.of(stream.r_frame_rate())))
        .orElse(FALLBACK_FRAME_RATE);
    AVRational tb = stream.time_base();
    this.pts = new PtsFixer(av_rescale_q(1, containerFrameRate.inverse().toAv(), tb));
  }

  /** Opens a software decoder, or a hardware one when {@code gpu} is given. */
  static VideoDecoder open(AVStream stream, int threads, GpuDevice gpu) {
    AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
    if (codec == null) {
      throw new TranscodeException(TranscodeException.Kind.UNSUPPORTED_CODEC);
    }
    AVCodecContext context = avcodec_alloc_context3(codec);
    try {
      FFmpeg.check(avcodec_parameters_to_context(context, stream.codecpar()));
      context.pkt_timebase(stream.time_base());
      context.thread_count(threads);
      if (gpu != null) {
        gpu.attachDecoder(context, RenditionStage.QUEUE + 4);
        FFmpeg.checkGpu(avcodec_open2(context, codec, (AVDictionary) null));
      } else {
        FFmpeg.check(avcodec_open2(context, codec, (AVDictionary) null), TranscodeException.Kind.UNSUPPORTED_CODEC);
      }
      return new VideoDecoder(context, stream, gpu != null);
    } catch (RuntimeException e) {
      avcodec_free_context(context);
      throw e;
    }
  }

  /**
   * Sends one packet ({@code null} drains the decoder) and hands each decoded frame to {@code sink}.
   * The frame is only valid during the call. Corrupt packets are counted and skipped, as players do.
   */
  void decode(AVPacket packet, Consumer<AVFrame> sink) {
    int ret = avcodec_send_packet(context, packet);
    if (ret == FFmpeg.EAGAIN) {
      receive(sink);
      ret = avcodec_send_packet(context, packet);
    }
    if (ret < 0 && ret != AVERROR_EOF) {
      failOnGpuError(ret);
      errors++;
    }
    receive(sink);
  }

  private void receive(Consumer<AVFrame> sink) {
    while (true) {
      int ret = avcodec_receive_frame(context, frame);
      if (ret == FFmpeg.EAGAIN || ret == AVERROR_EOF) {
        return;
      }
      if (ret < 0) {
        failOnGpuError(ret);
        errors++;
        return;
      }
      try {
        frame.pts(pts.fix(frame.pts(), frame.best_effort_timestamp(), frame.duration()));
        sink.accept(frame);
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  /** On the GPU a CUDA failure poisons the process, unlike a corrupt packet on the CPU. */
  private void failOnGpuError(int ret) {
    if (gpu) {
      FFmpeg.checkGpu(ret == AVERROR_EXTERNAL || ret == AVERROR_UNKNOWN ? ret : 0);
    }
  }

  /** Whether NVDEC refused the input's pixel format (lpms takes 8-bit 4:2:0 only). */
  boolean refusedByGpu() {
    return gpu && GpuDevice.refusedFormat(context);
  }

  /** The source frame rate: the bitstream's (H.264 VUI) once a frame is decoded, else the container's. */
  Rational frameRate() {
    return sane(Rational.of(context.framerate())).orElse(containerFrameRate);
  }

  long errors() {
    return errors;
  }

  /** A frame rate a human would believe; demuxers report 90000/1 for "unknown". */
  private static Optional<Rational> sane(Rational rate) {
    return rate.num() > 0 && rate.den() > 0 && rate.num() <= 240L * rate.den()
        ? Optional.of(rate) : Optional.empty();
  }

  @Override
  public void close() {
    if (gpu) {
      GpuDevice.forget(context);
    }
    av_frame_free(frame);
    avcodec_free_context(context);
  }
}
