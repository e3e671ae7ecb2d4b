package dev.lpnode.gateway.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;

/** Loads bytedeco's FFmpeg (the GPL build this project ships) once, quietly. */
public final class Ffmpeg {
  private static volatile boolean loaded;

  private Ffmpeg() {}

  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (Ffmpeg.class) {
      if (!loaded) {
        // The natives live in the "-gpl" jar; without this JavaCPP looks for the LGPL build's.
        if (System.getProperty("org.bytedeco.javacpp.platform.extension") == null) {
          System.setProperty("org.bytedeco.javacpp.platform.extension", "-gpl");
        }
        Loader.load(avformat.class);
        Loader.load(avcodec.class);
        av_log_set_level(AV_LOG_ERROR);
        loaded = true;
      }
    }
  }

  /** FFmpeg's text for an error code. */
  public static String error(int code) {
    return dev.lpnode.transcoder.engine.FFmpeg.errorText(code);
  }
}
