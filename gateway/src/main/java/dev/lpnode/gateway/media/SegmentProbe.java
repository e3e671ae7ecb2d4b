package dev.lpnode.gateway.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.avformat.AVFormatContext.AVFMT_FLAG_CUSTOM_IO;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads a pushed segment's streams with FFmpeg, in memory: what go-livepeer's codec check does
 * before a segment is accepted. Blocking and CPU-bound (a few milliseconds): call it on a worker.
 */
public final class SegmentProbe {
  private static final int FF_PROFILE_UNKNOWN = -99;
  private static final AVRational MILLIS = av_make_q(1, 1000);

  /**
   * What a probe found.
   *
   * @param media      the streams, for playback
   * @param videoCodec FFmpeg's name of the video codec, empty without video
   * @param zeroFrame  a segment without video frames (audio only, or a video stream without
   *                   frames): go-livepeer passes such segments through untranscoded
   * @param durationMs the container's duration, or -1 if unknown
   */
  public record Result(MediaInfo media, String videoCodec, boolean zeroFrame, long durationMs) {}

  private SegmentProbe() {}

  /** @throws MediaFormatException if FFmpeg cannot read the data as a media container */
  public static Result probe(byte[] data) throws MediaFormatException {
    Ffmpeg.load();
    AVFormatContext ic = avformat_alloc_context();
    MemoryInput input = new MemoryInput(data);
    ic.pb(input.context());
    ic.flags(ic.flags() | AVFMT_FLAG_CUSTOM_IO);
    try {
      int ret = avformat_open_input(ic, (String) null, null, (AVDictionary) null);
      if (ret < 0) {
        ic = null; // avformat_open_input frees the context on failure
        throw new MediaFormatException("cannot open segment: " + Ffmpeg.error(ret));
      }
      ret = avformat_find_stream_info(ic, (PointerPointer<?>) null);
      if (ret < 0) {
        throw new MediaFormatException("cannot read segment streams: " + Ffmpeg.error(ret));
      }
      return describe(ic);
    } finally {
      if (ic != null) {
        avformat_close_input(ic);
      }
      input.close();
    }
  }

  private static Result describe(AVFormatContext ic) throws MediaFormatException {
    AVCodecParameters video = null;
    AVCodecParameters audio = null;
    long videoDurationMs = -1;
    for (int i = 0; i < ic.nb_streams(); i++) {
      AVStream st = ic.streams(i);
      AVCodecParameters par = st.codecpar();
      if (par.codec_type() == AVMEDIA_TYPE_VIDEO && video == null) {
        video = par;
        if (st.duration() != AV_NOPTS_VALUE && st.duration() > 0) {
          videoDurationMs = av_rescale_q(st.duration(), st.time_base(), MILLIS);
        }
      } else if (par.codec_type() == AVMEDIA_TYPE_AUDIO && audio == null) {
        audio = par;
      }
    }
    if (video == null && audio == null) {
      throw new MediaFormatException("segment has neither video nor audio");
    }
    boolean zeroFrame = video == null || video.width() <= 0 || video.height() <= 0;
    String videoName = video == null ? "" : avcodec_get_name(video.codec_id()).getString();
    String videoCodec = "";
    int width = 0;
    int height = 0;
    if (!zeroFrame) {
      width = video.width();
      height = video.height();
      if (video.codec_id() == AV_CODEC_ID_H264) {
        videoCodec = h264Codec(video);
      }
    }
    String audioCodec = "";
    if (audio != null && audio.codec_id() == AV_CODEC_ID_AAC) {
      // FFmpeg's AAC profiles are the MPEG-4 audio object type minus one.
      audioCodec = MediaInfo.mp4a(audio.profile() == FF_PROFILE_UNKNOWN ? 2 : audio.profile() + 1);
    } else if (audio != null && audio.codec_id() == AV_CODEC_ID_MP3) {
      audioCodec = MediaInfo.mp4a(34);
    }
    // The video's own span when there is video: the container's adds audio that overhangs it.
    long duration = !zeroFrame && videoDurationMs > 0 ? videoDurationMs
        : ic.duration() == AV_NOPTS_VALUE ? -1 : ic.duration() * 1000 / AV_TIME_BASE;
    return new Result(new MediaInfo(width, height, videoCodec, audioCodec), videoName, zeroFrame, duration);
  }

  /** From the SPS in the extradata (Annex B in MPEG-TS, avcC in MP4), or FFmpeg's profile and level. */
  private static String h264Codec(AVCodecParameters video) {
    int size = video.extradata_size();
    if (size > 0) {
      byte[] extradata = new byte[size];
      video.extradata().get(extradata);
      try {
        if (extradata[0] == 1) {
          return AvcConfig.parse(extradata).sps().codec();
        }
        byte[] sps = H264Sps.findInAnnexB(extradata);
        if (sps != null) {
          return H264Sps.parse(sps).codec();
        }
      } catch (MediaFormatException e) {
        // fall back to what FFmpeg parsed
      }
    }
    int profile = video.profile() & 0xFF; // strips FFmpeg's constrained/intra flag bits
    return video.profile() < 0 || video.level() < 0 ? "" : MediaInfo.avc1(profile, 0, video.level());
  }
}
