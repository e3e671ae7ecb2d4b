package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.lpnode.transcoder.TranscodeException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A bounded queue of frames and packets from one thread of a rendition to the next, ended by {@link #END}.
 * Whoever takes an item owns it; a consumer that fails frees the rest with {@link #discardUntilEnd()}.
 */
final class Handoff {
  static final Object END = new Object();

  private final BlockingQueue<Object> queue;

  Handoff(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Hands over an {@link AVFrame}, an {@link AVPacket} or {@link #END}; blocks while the queue is full. */
  void put(Object item) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the consumer always drains its queue, so this wait is short
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  Object take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TranscodeException(TranscodeException.Kind.STOPPED);
    }
  }

  /** Frees every item up to {@link #END}, which the producer always sends. */
  void discardUntilEnd() {
    for (Object item = take(); item != END; item = take()) {
      free(item);
    }
  }

  static void free(Object item) {
    if (item instanceof AVFrame frame) {
      av_frame_free(frame);
    } else {
      av_packet_free((AVPacket) item);
    }
  }
}
