package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.ArrayDeque;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A stage of one rendition, fed frames and audio packets through a queue that {@link #end()} closes;
 * each step takes one item. The stage owns what it is given, and frees what is still queued when the
 * segment fails.
 */
abstract class RenditionStage extends Stage {
  /**
   * Items a stage may be behind its feeder before the feeder stops being ready. The smaller renditions
   * run when the larger ones leave a core free, so they fall behind; 16 lets the decoder keep going
   * meanwhile (measured: 3% faster per segment than 8, and 32 gains nothing more).
   */
  static final int QUEUE = 16;
  private static final Object END = new Object();

  private final StepScheduler scheduler;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean ended;
  private boolean endClaimed;

  RenditionStage(StepScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Hands over a frame reference. */
  final void offerFrame(AVFrame frame) {
    put(frame);
  }

  /** Hands over an audio packet reference to copy into the output. */
  final void offerAudio(AVPacket packet) {
    put(packet);
  }

  /** No more input: finish after what is queued. */
  final void end() {
    scheduler.update(() -> ended = true);
  }

  /** Whether the feeder may hand over more; called with the scheduler's lock held. */
  final boolean hasRoom() {
    return queue.size() < QUEUE;
  }

  /** Whether what this stage produces has somewhere to go; called with the scheduler's lock held. */
  abstract boolean outputHasRoom();

  /** Takes ownership of a frame. */
  abstract void frame(AVFrame frame);

  /** Takes ownership of an audio packet. */
  abstract void audio(AVPacket packet);

  /** Called after the last item. */
  abstract void finish();

  /** Frees this stage's own native objects, whether it succeeded or not. */
  abstract void releaseNatives();

  @Override
  final boolean ready() {
    return !endClaimed && (!queue.isEmpty() || ended) && outputHasRoom();
  }

  @Override
  final Object claim() {
    if (queue.isEmpty()) {
      endClaimed = true;
      return END;
    }
    return queue.poll();
  }

  @Override
  final void step(Object item) {
    if (item == END) {
      finish();
    } else if (item instanceof AVFrame frame) {
      frame(frame);
    } else {
      audio((AVPacket) item);
    }
  }

  @Override
  final boolean done() {
    return endClaimed;
  }

  @Override
  final void release() {
    for (Object item : queue) {
      if (item instanceof AVFrame frame) {
        av_frame_free(frame);
      } else {
        av_packet_free((AVPacket) item);
      }
    }
    queue.clear();
    releaseNatives();
  }

  private void put(Object item) {
    scheduler.update(() -> queue.add(item));
  }
}
