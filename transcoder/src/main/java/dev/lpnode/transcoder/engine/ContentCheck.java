package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.lpnode.transcoder.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/**
 * A segment's real content against the duration its sender declared (and paid for), found by demuxing
 * alone, before anything is decoded: a few milliseconds for a real segment, well under a second for
 * hundreds of megabytes. What a segment may cost is bounded by what it declares, however large it is.
 */
final class ContentCheck {
  /** The most video frames a segment may carry per second of its allowed duration. */
  static final int MAX_FRAME_RATE = 120;
  /** The largest input frame (4096×2304): decoding costs input pixels, which nobody pays for. */
  static final long MAX_INPUT_PIXELS = 4096L * 2304;
  /** go-livepeer's meaning of a declared duration of 0. */
  static final long DEFAULT_DURATION_MS = 2000;

  private ContentCheck() {}

  /** How much video a segment declaring {@code declaredMs} may hold: a quarter more, and at least a second more. */
  static long allowedMs(long declaredMs) {
    long declared = declaredMs > 0 ? declaredMs : DEFAULT_DURATION_MS;
    return declared + Math.max(1000, declared / 4);
  }

  /**
   * @throws TranscodeException {@code TranscoderInvalidResolution} for frames larger than {@link
   *     #MAX_INPUT_PIXELS}, a content mismatch for more video or frames than the declared duration allows
   */
  static void check(byte[] segment, long declaredMs) {
    try (SegmentInput input = SegmentInput.open(segment)) {
      if (!input.hasVideo()) {
        return; // audio-only segments are passed through, a copy
      }
      AVCodecParameters video = input.video().codecpar();
      checkFrameSize(video.width(), video.height());
      long allowedMs = allowedMs(declaredMs);
      long maxFrames = allowedMs * MAX_FRAME_RATE / 1000;
      long frames = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      AVPacket packet = av_packet_alloc();
      try {
        while (input.read(packet)) {
          if (input.isVideo(packet)) {
            if (++frames > maxFrames) {
              throw mismatch("more than " + maxFrames + " video frames", declaredMs);
            }
            if (packet.pts() != AV_NOPTS_VALUE) {
              first = Math.min(first, packet.pts());
              last = Math.max(last, packet.pts());
            }
          }
          av_packet_unref(packet);
        }
      } finally {
        av_packet_free(packet);
      }
      long spanMs = first > last ? 0 : av_rescale_q(last - first, input.video().time_base(), av_make_q(1, 1000));
      if (spanMs > allowedMs) {
        throw mismatch(String.format("%.1f s of video", spanMs / 1000.0), declaredMs);
      }
    }
  }

  /** @throws TranscodeException {@code TranscoderInvalidResolution} for a frame larger than {@link #MAX_INPUT_PIXELS} */
  static void checkFrameSize(int width, int height) {
    if ((long) width * height > MAX_INPUT_PIXELS) {
      throw new TranscodeException(TranscodeException.Kind.INVALID_RESOLUTION);
    }
  }

  private static TranscodeException mismatch(String found, long declaredMs) {
    return new TranscodeException(TranscodeException.Kind.CONTENT_MISMATCH, TranscodeException.Kind.CONTENT_MISMATCH
        .message() + ": " + found + String.format(", %.1f s declared", (declaredMs > 0 ? declaredMs : DEFAULT_DURATION_MS) / 1000.0));
  }
}
