package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;

import dev.lpnode.config.ladder.VideoProfile;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Pointer;

/** One rendition's muxer (MPEG-TS, or MP4 made "faststart"), writing into memory. */
final class RenditionMuxer implements AutoCloseable {
  private final VideoProfile.Format format;
  private final AVFormatContext context;
  private final MemoryIo io;
  private AVRational videoIn;
  private AVRational videoOut;
  private AVRational audioIn;
  private AVRational audioOut;
  private final MonotonicDts videoDts = new MonotonicDts();
  private final MonotonicDts audioDts = new MonotonicDts();
  private boolean headerWritten;

  private RenditionMuxer(VideoProfile.Format format, AVFormatContext context, MemoryIo io) {
    this.format = format;
    this.context = context;
    this.io = io;
  }

  /** Whether encoders feeding this format must put codec headers in extradata (MP4 does). */
  static boolean needsGlobalHeader(VideoProfile.Format format) {
    AVFormatContext probe = allocate(format);
    try {
      AVOutputFormat output = probe.oformat();
      return (output.flags() & AVFMT_GLOBALHEADER) != 0;
    } finally {
      avformat_free_context(probe);
    }
  }

  private static AVFormatContext allocate(VideoProfile.Format format) {
    AVFormatContext context = new AVFormatContext((Pointer) null);
    FFmpeg.check(avformat_alloc_output_context2(context, null, muxerName(format), (String) null));
    return context;
  }

  private static String muxerName(VideoProfile.Format format) {
    return format == VideoProfile.Format.MP4 ? "mp4" : "mpegts";
  }

  /**
   * Opens a muxer with one video stream from {@code encoder} and, when the input has audio, a copy of
   * the input's audio stream.
   *
   * @param expectedBytes a guess of the output size, to avoid regrowing the buffer
   */
  static RenditionMuxer open(VideoProfile.Format format, RenditionEncoder encoder, AudioTrack audio, int expectedBytes) {
    AVFormatContext context = allocate(format);
    MemoryIo io = MemoryIo.writer(expectedBytes);
    RenditionMuxer muxer = new RenditionMuxer(format, context, io);
    try {
      context.pb(io.context());
      AVStream video = avformat_new_stream(context, null);
      FFmpeg.check(avcodec_parameters_from_context(video.codecpar(), encoder.context()));
      video.time_base(encoder.timeBase().toAv());
      AVStream audioStream = null;
      if (audio != null) {
        audioStream = avformat_new_stream(context, null);
        FFmpeg.check(avcodec_parameters_copy(audioStream.codecpar(), audio.parameters()));
        audioStream.codecpar().codec_tag(0);
        audioStream.time_base(audio.timeBase().toAv());
      }
      FFmpeg.check(avformat_write_header(context, (AVDictionary) null));
      muxer.headerWritten = true;
      // The muxer may have chosen its own time bases while writing the header.
      muxer.videoIn = encoder.timeBase().toAv();
      muxer.videoOut = video.time_base();
      if (audioStream != null) {
        muxer.audioIn = audio.timeBase().toAv();
        muxer.audioOut = audioStream.time_base();
      }
      return muxer;
    } catch (RuntimeException e) {
      muxer.close();
      throw e;
    }
  }

  /** Writes an encoded video packet (in the encoder's time base); the packet is left empty. */
  void writeVideo(AVPacket packet) {
    write(packet, 0, videoIn, videoOut, videoDts);
  }

  /** Writes a copied audio packet (in the input stream's time base), if this output carries audio. */
  void writeAudio(AVPacket packet) {
    if (audioOut != null) {
      write(packet, 1, audioIn, audioOut, audioDts);
    }
  }

  private void write(AVPacket packet, int stream, AVRational from, AVRational to, MonotonicDts dts) {
    packet.stream_index(stream);
    packet.pos(-1);
    av_packet_rescale_ts(packet, from, to);
    dts.fix(packet.pts(), packet.dts());
    packet.pts(dts.pts()).dts(dts.dts());
    FFmpeg.check(av_interleaved_write_frame(context, packet));
  }

  /** Flushes the muxer and returns the finished file. */
  byte[] finish() {
    FFmpeg.check(av_write_trailer(context));
    headerWritten = false;
    byte[] file = io.toByteArray();
    return format == VideoProfile.Format.MP4 ? Mp4FastStart.apply(file) : file;
  }

  @Override
  public void close() {
    if (headerWritten) {
      av_write_trailer(context);
    }
    avformat_free_context(context);
    io.close();
  }
}
