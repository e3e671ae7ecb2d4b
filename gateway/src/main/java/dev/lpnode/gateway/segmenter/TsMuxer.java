package dev.lpnode.gateway.segmenter;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import dev.lpnode.gateway.media.Ffmpeg;
import dev.lpnode.gateway.media.MediaFormatException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Remuxes one {@link SegmentPlan} into an MPEG-TS segment with FFmpeg, entirely in memory (a
 * dynamic AVIO buffer): no decoding, timestamps kept. Each segment gets its own muxer, so each
 * starts with PAT/PMT and, through the muxer's automatic h264_mp4toannexb filter, with the SPS and
 * PPS before its first keyframe: every segment decodes on its own. Blocking; run it on a worker.
 */
public final class TsMuxer {
  private static final AVRational MILLIS = av_make_q(1, 1000);

  private TsMuxer() {}

  public static byte[] mux(SegmentPlan plan) throws MediaFormatException {
    Ffmpeg.load();
    AVFormatContext oc = new AVFormatContext((Pointer) null);
    check(avformat_alloc_output_context2(oc, (AVOutputFormat) null, "mpegts", (String) null), "allocate muxer");
    AVPacket pkt = av_packet_alloc();
    try {
      int videoIndex = -1;
      int audioIndex = -1;
      if (plan.video() != null) {
        videoIndex = addStream(oc, AVMEDIA_TYPE_VIDEO, AV_CODEC_ID_H264, plan.video().record());
        AVCodecParameters par = oc.streams(videoIndex).codecpar();
        par.width(plan.video().sps().width());
        par.height(plan.video().sps().height());
      }
      if (plan.audio() != null) {
        audioIndex = addStream(oc, AVMEDIA_TYPE_AUDIO, AV_CODEC_ID_AAC, plan.audio().config());
        AVCodecParameters par = oc.streams(audioIndex).codecpar();
        par.sample_rate(plan.audio().sampleRate());
        av_channel_layout_default(par.ch_layout(), Math.max(1, plan.audio().channels()));
      }
      AVIOContext pb = new AVIOContext((Pointer) null);
      check(avio_open_dyn_buf(pb), "open memory output");
      oc.pb(pb);
      check(avformat_write_header(oc, (AVDictionary) null), "write header");
      for (MediaPacket p : plan.packets()) {
        int index = p.video() ? videoIndex : audioIndex;
        if (index < 0) {
          continue;
        }
        check(av_new_packet(pkt, p.data().length), "allocate packet");
        pkt.data().put(p.data());
        pkt.pts(p.pts());
        pkt.dts(p.dts());
        pkt.stream_index(index);
        pkt.flags(p.keyframe() ? AV_PKT_FLAG_KEY : 0);
        AVStream st = oc.streams(index);
        av_packet_rescale_ts(pkt, MILLIS, st.time_base());
        check(av_interleaved_write_frame(oc, pkt), "write packet"); // takes the packet's reference
      }
      check(av_write_trailer(oc), "write trailer");
      return closeOutput(oc);
    } finally {
      av_packet_free(pkt);
      if (oc.pb() != null && !oc.pb().isNull()) {
        closeOutput(oc); // an error left the memory output open
      }
      avformat_free_context(oc);
    }
  }

  private static int addStream(AVFormatContext oc, int type, int codecId, byte[] extradata) throws MediaFormatException {
    AVStream st = avformat_new_stream(oc, null);
    if (st == null || st.isNull()) {
      throw new MediaFormatException("cannot add a stream to the muxer");
    }
    st.time_base(MILLIS);
    AVCodecParameters par = st.codecpar();
    par.codec_type(type);
    par.codec_id(codecId);
    BytePointer data = new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
    data.capacity(extradata.length).put(extradata);
    par.extradata(data); // freed with the format context
    par.extradata_size(extradata.length);
    return st.index();
  }

  private static byte[] closeOutput(AVFormatContext oc) {
    BytePointer buffer = new BytePointer((Pointer) null);
    int size = avio_close_dyn_buf(oc.pb(), buffer);
    oc.pb(null);
    byte[] out = new byte[Math.max(0, size)];
    if (size > 0) {
      buffer.capacity(size).get(out);
    }
    av_free(buffer);
    return out;
  }

  private static void check(int ret, String what) throws MediaFormatException {
    if (ret < 0) {
      throw new MediaFormatException("cannot " + what + ": " + Ffmpeg.error(ret));
    }
  }
}
