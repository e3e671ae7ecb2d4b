package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.lpnode.transcoder.TranscodeException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One thread of a rendition, fed frames and audio packets through a bounded queue that {@link #end()}
 * closes. The stage owns what it takes; when it fails, it frees whatever is still queued.
 */
abstract class RenditionStage implements Runnable {
  /** Frames a stage may be behind its feeder before the feeder waits. */
  static final int QUEUE = 8;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
  private volatile boolean failed;

  /** Hands over a frame reference; blocks while this stage is {@value #QUEUE} items behind. */
  final void offerFrame(AVFrame frame) {
    put(frame);
  }

  /** Hands over an audio packet reference to copy into the output. */
  final void offerAudio(AVPacket packet) {
    put(packet);
  }

  /** No more input: finish. */
  final void end() {
    put(END);
  }

  boolean failed() {
    return failed;
  }

  /** Takes ownership of a frame. */
  abstract void frame(AVFrame frame);

  /** Takes ownership of an audio packet. */
  abstract void audio(AVPacket packet);

  /** Called after the last item. */
  abstract void finish();

  /** Frees this stage's native objects, whether it succeeded or not. */
  abstract void release();

  /** Reports how the stage ended, once {@link #release()} has run: {@code failure} is null on success. */
  abstract void done(Throwable failure);

  @Override
  public final void run() {
    Throwable failure;
    try {
      failure = consume();
    } finally {
      release();
    }
    done(failure);
  }

  /** Feeds every item up to the end to this stage, then finishes it; returns what failed, or null. */
  private Throwable consume() {
    boolean ended = false;
    try {
      for (Object item = take(); item != END; item = take()) {
        if (item instanceof AVFrame frame) {
          frame(frame);
        } else {
          audio((AVPacket) item);
        }
      }
      ended = true;
      finish();
      return null;
    } catch (Throwable t) {
      failed = true;
      if (!ended) {
        discardUntilEnd();
      }
      return t;
    }
  }

  private void put(Object item) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the stage always drains its queue, so this wait is short
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Object take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TranscodeException(TranscodeException.Kind.STOPPED);
    }
  }

  /** Frees every item up to the end, which the feeder always sends. */
  private void discardUntilEnd() {
    for (Object item = take(); item != END; item = take()) {
      if (item instanceof AVFrame frame) {
        av_frame_free(frame);
      } else {
        av_packet_free((AVPacket) item);
      }
    }
  }
}
