package dev.lpnode.bench.transcode;

import dev.lpnode.bench.Machine;
import dev.lpnode.transcoder.TranscoderPool;
import java.util.List;

/**
 * Resident memory of the worker processes: taken after the first {@value #REFERENCE} segments (when
 * allocators and JIT have settled) and at the end, to show that transcoding does not leak native memory.
 */
final class RssWatch {
  static final int REFERENCE = 50;

  private final TranscoderPool pool;
  private volatile long referenceKiB = -1;
  private volatile long latestKiB;
  private volatile int segments;

  RssWatch(TranscoderPool pool) {
    this.pool = pool;
  }

  /** Reads the workers' memory after every segment, so the last figure survives the pool's shutdown. */
  void segmentDone(int total) {
    segments = total;
    latestKiB = totalRssKiB();
    if (total == REFERENCE) {
      referenceKiB = latestKiB;
    }
  }

  String report() {
    long now = latestKiB;
    if (referenceKiB < 0) {
      return String.format("worker RSS after %d segments: %.1f MiB (run at least %d segments for the soak figure)",
          segments, now / 1024.0, REFERENCE);
    }
    return String.format("worker RSS after %d segments: %.1f MiB; after %d segments: %.1f MiB (%+.1f%%)",
        REFERENCE, referenceKiB / 1024.0, segments, now / 1024.0, 100.0 * (now - referenceKiB) / referenceKiB);
  }

  private long totalRssKiB() {
    List<Long> pids = pool.workerPids();
    long total = 0;
    for (long pid : pids) {
      total += Machine.rssKiB(pid);
    }
    return total;
  }
}
