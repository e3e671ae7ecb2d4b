package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** An immutable rational, so timing values can cross threads without sharing native memory. */
record Rational(int num, int den) {
  static Rational of(AVRational value) {
    return new Rational(value.num(), value.den());
  }

  Rational inverse() {
    return new Rational(den, num);
  }

  /** A new native copy; JavaCPP frees it when it is garbage collected. */
  AVRational toAv() {
    return av_make_q(num, den);
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }
}
