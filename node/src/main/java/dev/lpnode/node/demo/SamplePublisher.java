package dev.lpnode.node.demo;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.lpnode.gateway.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a media file over RTMP in real time, looping, as a broadcaster's encoder would: FFmpeg's
 * own FLV muxer and RTMP client in this process (no ffmpeg program), packets copied (no
 * re-encoding, so it costs almost no CPU), timestamps continued across loops. If the connection
 * drops, it reconnects after a pause until {@link #close()}d.
 */
public final class SamplePublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SamplePublisher.class);
  private static final AVRational MICROS = av_make_q(1, 1_000_000);
  private static final long RETRY_MS = 2_000;

  private final Path file;
  private final String url;
  private final Thread thread;
  private volatile boolean closed;

  /** Starts publishing {@code file} to {@code url} ({@code rtmp://host:port/app/key}) on a thread of its own. */
  public SamplePublisher(Path file, String url) {
    this.file = file;
    this.url = url;
    this.thread = new Thread(this::run, "sample-publisher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    Ffmpeg.load();
    while (!closed) {
      try {
        publish();
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.warn("publishing {} to {}: {}; retrying in {} s", file.getFileName(), url, e.getMessage(), RETRY_MS / 1000);
          sleep(RETRY_MS);
        }
      }
    }
  }

  /** One connection: the file over and over until closed or the connection fails. */
  private void publish() throws IOException {
    AVFormatContext out = new AVFormatContext(null);
    check(avformat_alloc_output_context2(out, null, "flv", url), "cannot create the FLV muxer");
    AVPacket packet = av_packet_alloc();
    AVFormatContext in = null;
    boolean headerWritten = false;
    try {
      in = open();
      int[] map = new int[in.nb_streams()];
      for (int i = 0; i < in.nb_streams(); i++) {
        AVStream source = in.streams(i);
        int type = source.codecpar().codec_type();
        map[i] = -1;
        if (type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO) {
          AVStream target = avformat_new_stream(out, null);
          check(avcodec_parameters_copy(target.codecpar(), source.codecpar()), "cannot copy stream parameters");
          target.codecpar().codec_tag(0);
          map[i] = target.index();
        }
      }
      AVIOContext pb = new AVIOContext(null);
      AVDictionary options = new AVDictionary(null);
      av_dict_set(options, "rw_timeout", "10000000", 0); // 10 s: a gateway that stops reading fails the write
      try {
        check(avio_open2(pb, url, AVIO_FLAG_WRITE, null, options), "cannot connect to " + url);
      } finally {
        av_dict_free(options);
      }
      out.pb(pb);
      check(avformat_write_header(out, (AVDictionary) null), "cannot start the RTMP stream");
      headerWritten = true;
      LOG.info("publishing {} to {} in real time, looping", file.getFileName(), url);
      long started = System.nanoTime();
      long loopOffsetMicros = 0;
      while (!closed) {
        loopOffsetMicros = copyOnce(in, out, map, packet, started, loopOffsetMicros);
        avformat_close_input(in); // leaves in null
        in = open();
      }
    } finally {
      if (in != null && !in.isNull()) {
        avformat_close_input(in);
      }
      if (headerWritten) {
        av_write_trailer(out);
      }
      av_packet_free(packet);
      if (out.pb() != null) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
    }
  }

  private AVFormatContext open() throws IOException {
    AVFormatContext in = new AVFormatContext(null);
    check(avformat_open_input(in, file.toString(), null, null), "cannot open " + file);
    check(avformat_find_stream_info(in, (PointerPointer<?>) null), "cannot read " + file);
    return in;
  }

  /**
   * Copies every packet of the file once, each sent when its time comes; returns where the next
   * loop's timestamps start (in microseconds of stream time), past the end of every stream.
   */
  private long copyOnce(AVFormatContext in, AVFormatContext out, int[] map, AVPacket packet, long startedNanos,
      long offsetMicros) throws IOException {
    long firstMicros = AV_NOPTS_VALUE;
    long endMicros = offsetMicros;
    while (!closed && av_read_frame(in, packet) >= 0) {
      try {
        int target = map[packet.stream_index()];
        if (target < 0 || packet.dts() == AV_NOPTS_VALUE) {
          continue;
        }
        AVStream source = in.streams(packet.stream_index());
        long dtsMicros = av_rescale_q(packet.dts(), source.time_base(), MICROS);
        if (firstMicros == AV_NOPTS_VALUE) {
          firstMicros = dtsMicros;
        }
        long at = offsetMicros + dtsMicros - firstMicros;
        endMicros = Math.max(endMicros, at + av_rescale_q(Math.max(packet.duration(), 1), source.time_base(), MICROS));
        long wait = TimeUnit.MICROSECONDS.toNanos(at) - (System.nanoTime() - startedNanos);
        if (wait > 0) {
          sleep(TimeUnit.NANOSECONDS.toMillis(wait));
        }
        long shift = av_rescale_q(offsetMicros - firstMicros, MICROS, source.time_base());
        packet.dts(packet.dts() + shift);
        if (packet.pts() != AV_NOPTS_VALUE) {
          packet.pts(packet.pts() + shift);
        }
        packet.stream_index(target);
        av_packet_rescale_ts(packet, source.time_base(), out.streams(target).time_base());
        packet.pos(-1);
        check(av_interleaved_write_frame(out, packet), "the RTMP connection failed");
      } finally {
        av_packet_unref(packet);
      }
    }
    return endMicros;
  }

  private static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException(what + ": " + Ffmpeg.error(ret));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops publishing (the stream ends at the gateway). */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join(TimeUnit.SECONDS.toMillis(15));
  }
}
