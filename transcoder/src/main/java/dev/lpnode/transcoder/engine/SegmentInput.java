package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import dev.lpnode.transcoder.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * A demuxer over a segment held in memory, with its video and (optional) audio stream chosen.
 *
 * <p>It does not run {@code avformat_find_stream_info} on the video: that decodes the first frames a
 * second time just to fill in parameters the decoder finds anyway.
 */
final class SegmentInput implements AutoCloseable {
  private final MemoryIo io;
  private final AVFormatContext context;
  private final int videoIndex;
  private final int audioIndex;

  private SegmentInput(MemoryIo io, AVFormatContext context) {
    this.io = io;
    this.context = context;
    this.videoIndex = firstStream(context, AVMEDIA_TYPE_VIDEO);
    this.audioIndex = firstStream(context, AVMEDIA_TYPE_AUDIO);
  }

  /**
   * The first stream of a type. Not {@code av_find_best_stream}: without stream probing an MPEG-TS audio
   * stream has no sample rate yet, and that function skips it.
   */
  private static int firstStream(AVFormatContext context, int type) {
    for (int i = 0; i < context.nb_streams(); i++) {
      AVStream stream = context.streams(i);
      if (stream.codecpar().codec_type() == type && (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Opens a segment, or fails with {@code TranscoderInvalidVideo} when it is empty or no known container. */
  static SegmentInput open(byte[] segment) {
    if (segment.length == 0) {
      throw new TranscodeException(TranscodeException.Kind.INVALID_VIDEO);
    }
    FFmpeg.load();
    MemoryIo io = MemoryIo.reader(segment);
    AVFormatContext context = openContext(io);
    if (context == null) {
      io.close();
      throw new TranscodeException(TranscodeException.Kind.INVALID_VIDEO);
    }
    SegmentInput input = new SegmentInput(io, context);
    if (input.hasAudio() && input.audio().codecpar().sample_rate() <= 0) {
      input.probeAudio(segment);
    }
    return input;
  }

  /** A demuxer over {@code io}, or null when the data is no known container. */
  private static AVFormatContext openContext(MemoryIo io) {
    AVFormatContext context = avformat_alloc_context();
    context.pb(io.context());
    // On failure avformat_open_input frees the context itself; the custom I/O stays ours.
    return avformat_open_input(context, (String) null, null, (AVDictionary) null) < 0 ? null : context;
  }

  /**
   * Fills in the audio parameters an MPEG-TS header lacks (sample rate, channels), which muxers need to
   * copy the audio. A second demuxer probes the audio alone: probing with video decodes frames only to
   * throw them away, and probing discards the packets it skips.
   */
  private void probeAudio(byte[] segment) {
    try (MemoryIo probeIo = MemoryIo.reader(segment)) {
      AVFormatContext probe = openContext(probeIo);
      if (probe == null) {
        return;
      }
      try {
        for (int i = 0; i < probe.nb_streams(); i++) {
          if (i != audioIndex) {
            probe.streams(i).discard(AVDISCARD_ALL);
          }
        }
        avformat_find_stream_info(probe, (AVDictionary) null);
        if (audioIndex < probe.nb_streams()) {
          avcodec_parameters_copy(audio().codecpar(), probe.streams(audioIndex).codecpar());
        }
      } finally {
        avformat_close_input(probe);
      }
    }
  }

  boolean hasVideo() {
    return videoIndex >= 0;
  }

  boolean hasAudio() {
    return audioIndex >= 0;
  }

  AVStream video() {
    return context.streams(videoIndex);
  }

  AVStream audio() {
    return context.streams(audioIndex);
  }

  boolean isVideo(AVPacket packet) {
    return packet.stream_index() == videoIndex;
  }

  boolean isAudio(AVPacket packet) {
    return audioIndex >= 0 && packet.stream_index() == audioIndex;
  }

  /**
   * Reads the next packet; false at the end. A damaged or truncated segment ends where it stops
   * making sense, and whatever was read before is still transcoded.
   */
  boolean read(AVPacket packet) {
    return av_read_frame(context, packet) >= 0;
  }

  @Override
  public void close() {
    avformat_close_input(context);
    io.close();
  }
}
