package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.lpnode.transcoder.TranscodeException;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.Pointer;

/** One rendition's video encoder, opened with the exact output of its filter graph. */
final class RenditionEncoder implements AutoCloseable {
  private final AVCodecContext context;
  private final boolean gpu;
  private final AVPacket packet = av_packet_alloc();
  private final Rational timeBase;
  private final Rational frameRate;

  private RenditionEncoder(AVCodecContext context, Rational timeBase, Rational frameRate, boolean gpu) {
    this.context = context;
    this.gpu = gpu;
    this.timeBase = timeBase;
    this.frameRate = frameRate;
  }

  static RenditionEncoder open(EncoderConfig config, RenditionFilter filter, boolean globalHeader) {
    AVCodec codec = avcodec_find_encoder_by_name(config.encoder());
    if (codec == null) {
      throw new TranscodeException(TranscodeException.Kind.FFMPEG, "Encoder not found");
    }
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVDictionary options = new AVDictionary((Pointer) null);
    try {
      Rational timeBase = filter.timeBase();
      Rational frameRate = filter.frameRate();
      if (frameRate.num() <= 0 || frameRate.den() <= 0) {
        frameRate = VideoDecoder.FALLBACK_FRAME_RATE;
      }
      context.width(filter.width()).height(filter.height()).pix_fmt(filter.format());
      context.time_base(timeBase.toAv());
      context.framerate(frameRate.toAv());
      Rational aspect = filter.sampleAspectRatio();
      if (aspect.num() > 0 && aspect.den() > 0) {
        context.sample_aspect_ratio(aspect.toAv());
      }
      context.bit_rate(config.bitrate()).rc_min_rate(config.bitrate()).rc_max_rate(config.bitrate());
      context.rc_buffer_size(config.bitrate());
      if (config.gopFrames() != EncoderConfig.ENCODER_DEFAULT) {
        context.gop_size(config.gopFrames());
      }
      context.max_b_frames(config.bFrames());
      context.thread_count(config.threads());
      if (globalHeader) {
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      AVBufferRef hwFrames = filter.hwFrames();
      if (hwFrames != null) {
        context.hw_frames_ctx(av_buffer_ref(hwFrames));
      }
      for (Map.Entry<String, String> option : config.options().entrySet()) {
        av_dict_set(options, option.getKey(), option.getValue(), 0);
      }
      check(avcodec_open2(context, codec, options), hwFrames != null);
      return new RenditionEncoder(context, timeBase, frameRate, hwFrames != null);
    } catch (RuntimeException e) {
      avcodec_free_context(context);
      throw e;
    } finally {
      av_dict_free(options);
    }
  }

  AVCodecContext context() {
    return context;
  }

  Rational timeBase() {
    return timeBase;
  }

  /** The frame rate the encoder was told (the output's, or the source's with fps passthrough). */
  Rational frameRate() {
    return frameRate;
  }

  int width() {
    return context.width();
  }

  int height() {
    return context.height();
  }

  /** Encodes one frame ({@code null} flushes) and hands every finished packet to {@code sink}. */
  void encode(AVFrame frame, Consumer<AVPacket> sink) {
    check(avcodec_send_frame(context, frame), gpu);
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == FFmpeg.EAGAIN || ret == AVERROR_EOF) {
        return;
      }
      check(ret, gpu);
      sink.accept(packet);
    }
  }

  private static void check(int ret, boolean gpu) {
    if (gpu) {
      FFmpeg.checkGpu(ret);
    } else {
      FFmpeg.check(ret);
    }
  }

  @Override
  public void close() {
    av_packet_free(packet);
    avcodec_free_context(context);
  }
}
