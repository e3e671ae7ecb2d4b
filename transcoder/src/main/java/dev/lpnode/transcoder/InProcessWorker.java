package dev.lpnode.transcoder;

import dev.lpnode.transcoder.engine.GpuDevice;
import dev.lpnode.transcoder.engine.SegmentTranscoder;
import dev.lpnode.transcoder.engine.StopSignal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs segments on threads of this JVM: no isolation, used by the bench, tests and worker processes. */
final class InProcessWorker implements Dispatcher.Worker, AutoCloseable {
  private final ExecutorService segments = Executors.newCachedThreadPool(daemon("lpnode-segment"));
  private final ExecutorService helpers = Executors.newCachedThreadPool(daemon("lpnode-segment-helper"));
  private final SegmentTranscoder engine;
  private final Map<TranscodeRequest, StopSignal> running = Collections.synchronizedMap(new IdentityHashMap<>());

  InProcessWorker(EngineSettings settings, GpuDevice gpu) {
    this.engine = new SegmentTranscoder(settings, helpers, gpu);
  }

  @Override
  public CompletableFuture<TranscodeResult> run(TranscodeRequest request) {
    StopSignal stop = new StopSignal();
    running.put(request, stop);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return engine.transcode(request, stop);
      } finally {
        running.remove(request);
      }
    }, segments);
  }

  @Override
  public void cancel(TranscodeRequest request) {
    StopSignal stop = running.get(request);
    if (stop != null) {
      stop.stop();
    }
  }

  @Override
  public void endSession(String sessionId) {
    // Segments are independent on this engine; nothing is kept per session.
  }

  @Override
  public void close() {
    segments.shutdown();
    helpers.shutdown();
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
