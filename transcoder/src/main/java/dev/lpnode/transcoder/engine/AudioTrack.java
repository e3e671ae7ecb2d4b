package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * A private copy of the input's audio stream parameters, so rendition threads can set up their muxers
 * while the demuxer keeps reading (and possibly updating its own streams).
 */
final class AudioTrack implements AutoCloseable {
  private final AVCodecParameters parameters = avcodec_parameters_alloc();
  private final Rational timeBase;

  AudioTrack(AVStream stream) {
    FFmpeg.check(avcodec_parameters_copy(parameters, stream.codecpar()));
    timeBase = Rational.of(stream.time_base());
  }

  AVCodecParameters parameters() {
    return parameters;
  }

  Rational timeBase() {
    return timeBase;
  }

  @Override
  public void close() {
    avcodec_parameters_free(parameters);
  }
}
