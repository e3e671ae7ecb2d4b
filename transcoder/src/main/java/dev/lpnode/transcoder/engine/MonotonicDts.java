package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Makes one output stream's timestamps acceptable to a muxer, as lpms's {@code mux()} and the ffmpeg
 * program do: a missing DTS is taken from the PTS, a DTS beyond its PTS is replaced by the middle value
 * of (PTS, DTS, previous DTS + 1), and DTS strictly increase (inputs with duplicate audio DTS exist).
 */
final class MonotonicDts {
  private long lastDts = AV_NOPTS_VALUE;
  private long pts;
  private long dts;

  /** Fixes one packet's timestamps; read them back with {@link #pts()} and {@link #dts()}. */
  void fix(long packetPts, long packetDts) {
    pts = packetPts;
    dts = packetDts == AV_NOPTS_VALUE ? packetPts : packetDts;
    if (dts == AV_NOPTS_VALUE) {
      dts = lastDts == AV_NOPTS_VALUE ? 0 : lastDts + 1;
    }
    if (pts != AV_NOPTS_VALUE && dts > pts) {
      long next = lastDts == AV_NOPTS_VALUE ? dts : lastDts + 1;
      long middle = pts + dts + next - Math.min(pts, Math.min(dts, next)) - Math.max(pts, Math.max(dts, next));
      pts = middle;
      dts = middle;
    }
    if (lastDts != AV_NOPTS_VALUE && dts <= lastDts) {
      dts = lastDts + 1;
      if (pts != AV_NOPTS_VALUE && pts < dts) {
        pts = dts;
      }
    }
    lastDts = dts;
  }

  long pts() {
    return pts;
  }

  long dts() {
    return dts;
  }
}
