package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.lpnode.transcoder.MediaInfo;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Decodes every video packet of a file to count frames and pixels exactly. */
public final class Probe {
  private long frames;
  private long pixels;
  private int width;
  private int height;
  private boolean keyframeFirst;
  private long keyframes;

  private Probe() {}

  public static MediaInfo probe(byte[] media) {
    try (SegmentInput input = SegmentInput.open(media)) {
      String audioCodec = input.hasAudio() ? codecName(input.audio()) : "";
      if (!input.hasVideo()) {
        return new MediaInfo("", audioCodec, 0, 0, 0, 0, false, 0, 0);
      }
      return new Probe().decode(input, audioCodec);
    }
  }

  private MediaInfo decode(SegmentInput input, String audioCodec) {
    AVStream video = input.video();
    AVPacket packet = av_packet_alloc();
    long first = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    try (VideoDecoder decoder = VideoDecoder.open(video, 1, null)) {
      // Packets often carry no duration; such a frame lasts one frame interval.
      long frameTicks = av_rescale_q(1, decoder.frameRate().inverse().toAv(), video.time_base());
      while (input.read(packet)) {
        if (input.isVideo(packet)) {
          if (packet.pts() != AV_NOPTS_VALUE) {
            first = Math.min(first, packet.pts());
            end = Math.max(end, packet.pts() + (packet.duration() > 0 ? packet.duration() : frameTicks));
          }
          decoder.decode(packet, this::count);
        }
        av_packet_unref(packet);
      }
      decoder.decode(null, this::count);
      long durationMs = first == Long.MAX_VALUE ? 0 : av_rescale_q(end - first, video.time_base(), av_make_q(1, 1000));
      return new MediaInfo(codecName(video), audioCodec, width, height, frames, pixels, keyframeFirst, keyframes,
          durationMs);
    } finally {
      av_packet_free(packet);
    }
  }

  private void count(AVFrame frame) {
    boolean key = (frame.flags() & FFmpeg.FRAME_FLAG_KEY) != 0;
    if (frames == 0) {
      width = frame.width();
      height = frame.height();
      keyframeFirst = key;
    }
    if (key) {
      keyframes++;
    }
    frames++;
    pixels += (long) frame.width() * frame.height();
  }

  private static String codecName(AVStream stream) {
    return avcodec_get_name(stream.codecpar().codec_id()).getString();
  }
}
