package dev.lpnode.transcoder.engine;

import dev.lpnode.config.ladder.VideoProfile;

/**
 * The video filters of one rendition, in FFmpeg's filter syntax. Scaling comes before the fps filter
 * on purpose (lpms): frames the fps filter duplicates are then copies of already-scaled pictures, so a
 * segment with a huge timestamp gap cannot make us scale thousands of full-size frames.
 */
public final class FilterChain {
  private FilterChain() {}

  /** E.g. {@code scale=w=426:h=240:flags=bicubic,format=yuv420p,fps=30/1}. */
  public static String of(VideoProfile profile, OutputSize size, boolean gpu) {
    String scale = gpu
        ? "scale_cuda=w=" + size.width() + ":h=" + size.height()
        : "scale=w=" + size.width() + ":h=" + size.height() + ":flags=bicubic,format=yuv420p";
    return profile.fps() > 0 ? scale + ",fps=" + profile.fps() + "/" + profile.fpsDen() : scale;
  }
}
