package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Gives every decoded frame a usable, strictly increasing timestamp (lpms's {@code fix_video_pts}):
 * a missing PTS becomes the decoder's best-effort timestamp, or the previous one plus a frame step;
 * a PTS that does not move forward is pushed past the previous one.
 */
final class PtsFixer {
  private final long defaultStep;
  private long last = AV_NOPTS_VALUE;

  /** @param defaultStep one frame in the stream's time base, used when a frame carries no duration */
  PtsFixer(long defaultStep) {
    this.defaultStep = Math.max(1, defaultStep);
  }

  long fix(long pts, long bestEffort, long duration) {
    long step = duration > 0 ? duration : defaultStep;
    long fixed = pts != AV_NOPTS_VALUE ? pts : bestEffort;
    if (fixed == AV_NOPTS_VALUE) {
      fixed = last == AV_NOPTS_VALUE ? 0 : last + step;
    } else if (last != AV_NOPTS_VALUE && fixed <= last) {
      fixed = last + step;
    }
    last = fixed;
    return fixed;
  }
}
