package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.lpnode.transcoder.TranscodeException;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/** Loads the bundled GPL FFmpeg build once per process and turns its error codes into text. */
public final class FFmpeg {
  /** FFmpeg's log level; {@code -Dlpnode.ffmpeg.loglevel=32} (info) helps when debugging. */
  private static final int LOG_LEVEL = Integer.getInteger("lpnode.ffmpeg.loglevel", avutil.AV_LOG_FATAL);
  /** {@code AVERROR(EAGAIN)} and {@code AVERROR(EINVAL)} on Linux (JavaCPP does not map errno macros). */
  static final int EAGAIN = -11;
  static final int EINVAL = -22;
  /** {@code AV_FRAME_FLAG_KEY}, a macro the bindings lack. */
  static final int FRAME_FLAG_KEY = 1 << 1;
  private static volatile boolean loaded;

  private FFmpeg() {}

  /** Safe to call from any thread, any number of times. */
  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (FFmpeg.class) {
      if (!loaded) {
        // The GPL natives (with libx264) live in the "-gpl" classifier; JavaCPP must be told to look there.
        if (System.getProperty("org.bytedeco.javacpp.platform.extension") == null) {
          System.setProperty("org.bytedeco.javacpp.platform.extension", "-gpl");
        }
        Loader.load(avutil.class);
        Loader.load(avcodec.class);
        Loader.load(avformat.class);
        Loader.load(swscale.class);
        Loader.load(avfilter.class);
        av_log_set_level(LOG_LEVEL);
        loaded = true;
      }
    }
  }

  /** Path of the {@code ffmpeg} program shipped inside the bytedeco jar (used by the bench baseline). */
  public static String programPath() {
    load();
    return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
  }

  /** Path of the {@code ffprobe} program shipped inside the bytedeco jar. */
  public static String probeProgramPath() {
    load();
    return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
  }

  /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
  public static String errorText(int code) {
    byte[] buffer = new byte[256];
    if (av_strerror(code, buffer, buffer.length) < 0) {
      return "Error number " + code + " occurred";
    }
    int length = 0;
    while (length < buffer.length && buffer[length] != 0) {
      length++;
    }
    return new String(buffer, 0, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Throws a classified failure when an FFmpeg call returned an error code. */
  static int check(int ret, TranscodeException.Kind kind) {
    if (ret < 0) {
      throw new TranscodeException(kind, kind == TranscodeException.Kind.FFMPEG ? errorText(ret) : kind.message());
    }
    return ret;
  }

  /**
   * Like {@link #check(int)}, for calls into the GPU: CUDA failures surface as "external" or unknown
   * errors, after which the process's CUDA context cannot be trusted (lpms panics on them too).
   */
  static int checkGpu(int ret) {
    if (ret == avutil.AVERROR_EXTERNAL || ret == avutil.AVERROR_UNKNOWN) {
      throw new TranscodeException(TranscodeException.Kind.UNRECOVERABLE);
    }
    return check(ret);
  }

  /** Throws FFmpeg's own error text, as lpms reports unexpected library errors. */
  static int check(int ret) {
    return check(ret, TranscodeException.Kind.FFMPEG);
  }
}
