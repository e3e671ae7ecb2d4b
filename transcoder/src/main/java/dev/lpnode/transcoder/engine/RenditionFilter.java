package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_format;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame_rate;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_h;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_hw_frames_ctx;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_w;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_parameters_set;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

import dev.lpnode.transcoder.TranscodeException;
import org.bytedeco.ffmpeg.avfilter.AVBufferSrcParameters;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/** One rendition's video filter graph: {@code buffer → }{@link FilterChain}{@code  → buffersink}. */
final class RenditionFilter implements AutoCloseable {
  private final AVFilterGraph graph;
  private final AVFilterContext source;
  private final AVFilterContext sink;
  private final int inputWidth;
  private final int inputHeight;
  private final int inputFormat;

  private RenditionFilter(AVFilterGraph graph, AVFilterContext source, AVFilterContext sink, AVFrame first) {
    this.graph = graph;
    this.source = source;
    this.sink = sink;
    this.inputWidth = first.width();
    this.inputHeight = first.height();
    this.inputFormat = first.format();
  }

  /**
   * Builds the graph for frames shaped like {@code first}.
   *
   * @param timeBase  the frames' time base
   * @param frameRate the source frame rate (what passthrough outputs declare)
   */
  static RenditionFilter open(AVFrame first, Rational timeBase, Rational frameRate, String chain) {
    AVFilterGraph graph = avfilter_graph_alloc();
    try {
      graph.nb_threads(1);
      AVFilterContext source = new AVFilterContext((Pointer) null);
      AVFilterContext sink = new AVFilterContext((Pointer) null);
      Rational aspect = Rational.of(first.sample_aspect_ratio());
      String args = "video_size=" + first.width() + "x" + first.height() + ":pix_fmt=" + first.format()
          + ":time_base=" + timeBase + ":frame_rate=" + frameRate
          + ":pixel_aspect=" + (aspect.den() > 0 ? aspect : new Rational(0, 1));
      checkGraph(avfilter_graph_create_filter(source, avfilter_get_by_name("buffer"), "in", args, null, graph));
      AVBufferRef hwFrames = first.hw_frames_ctx();
      if (hwFrames != null && !hwFrames.isNull()) {
        AVBufferSrcParameters parameters = av_buffersrc_parameters_alloc();
        parameters.format(first.format());
        parameters.hw_frames_ctx(hwFrames);
        int ret = av_buffersrc_parameters_set(source, parameters);
        av_free(parameters);
        checkGraph(ret);
      }
      checkGraph(avfilter_graph_create_filter(sink, avfilter_get_by_name("buffersink"), "out", null, null, graph));
      AVFilterInOut outputs = avfilter_inout_alloc();
      AVFilterInOut inputs = avfilter_inout_alloc();
      outputs.name(new BytePointer(av_strdup("in"))).filter_ctx(source).pad_idx(0).next(null);
      inputs.name(new BytePointer(av_strdup("out"))).filter_ctx(sink).pad_idx(0).next(null);
      int ret = avfilter_graph_parse_ptr(graph, chain, inputs, outputs, null);
      avfilter_inout_free(inputs);
      avfilter_inout_free(outputs);
      checkGraph(ret);
      checkGraph(avfilter_graph_config(graph, null));
      return new RenditionFilter(graph, source, sink, first);
    } catch (RuntimeException e) {
      avfilter_graph_free(graph);
      throw e;
    }
  }

  private static void checkGraph(int ret) {
    FFmpeg.check(ret, TranscodeException.Kind.FILTERGRAPH);
  }

  /** Whether {@code frame} has the size and format this graph was built for. */
  boolean accepts(AVFrame frame) {
    return frame.width() == inputWidth && frame.height() == inputHeight && frame.format() == inputFormat;
  }

  /** Feeds a frame, taking over its reference; {@code null} marks the end of input. */
  void push(AVFrame frame) {
    FFmpeg.check(av_buffersrc_add_frame_flags(source, frame, 0));
  }

  /** Takes the next filtered frame into {@code frame}; false when none is ready (or at the end). */
  boolean pull(AVFrame frame) {
    int ret = av_buffersink_get_frame(sink, frame);
    if (ret >= 0) {
      return true;
    }
    if (ret == FFmpeg.EAGAIN || ret == AVERROR_EOF) {
      return false;
    }
    throw new TranscodeException(TranscodeException.Kind.FFMPEG, FFmpeg.errorText(ret));
  }

  int width() {
    return av_buffersink_get_w(sink);
  }

  int height() {
    return av_buffersink_get_h(sink);
  }

  int format() {
    return av_buffersink_get_format(sink);
  }

  Rational timeBase() {
    return Rational.of(av_buffersink_get_time_base(sink));
  }

  Rational frameRate() {
    return Rational.of(av_buffersink_get_frame_rate(sink));
  }

  Rational sampleAspectRatio() {
    return Rational.of(av_buffersink_get_sample_aspect_ratio(sink));
  }

  /** The GPU frame pool of the output, or null for software frames. */
  AVBufferRef hwFrames() {
    AVBufferRef frames = av_buffersink_get_hw_frames_ctx(sink);
    return frames == null || frames.isNull() ? null : frames;
  }

  @Override
  public void close() {
    avfilter_graph_free(graph);
  }
}
