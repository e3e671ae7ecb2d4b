package dev.lpnode.orchestrator.testing;

import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A real transcoder that also counts the segments it was given, so tests can prove bad input cost nothing. */
public final class CountingTranscoder implements Transcoder {
  private final Transcoder delegate;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger cancels = new AtomicInteger();
  private volatile TranscodeRequest last;
  private volatile CompletableFuture<Void> held = CompletableFuture.completedFuture(null);
  private volatile CompletableFuture<Void> done = new CompletableFuture<>();

  public CountingTranscoder(Transcoder delegate) {
    this.delegate = delegate;
  }

  public int calls() {
    return calls.get();
  }

  public int cancels() {
    return cancels.get();
  }

  /**
   * From now on, results reach the orchestrator only once {@link #release} is called: a transcode
   * that outlasts what the test does meanwhile. Returns when the next transcode has finished.
   */
  public CompletableFuture<Void> holdResults() {
    held = new CompletableFuture<>();
    done = new CompletableFuture<>();
    return done;
  }

  public void release() {
    held.complete(null);
  }

  /** The last request given, as the orchestrator built it (timeout included). */
  public TranscodeRequest last() {
    return last;
  }

  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    calls.incrementAndGet();
    last = request;
    CompletableFuture<Void> gate = held;
    if (gate.isDone()) {
      return delegate.transcode(request);
    }
    CompletableFuture<Void> finished = done;
    return delegate.transcode(request).whenComplete((result, error) -> finished.complete(null))
        .thenCombineAsync(gate, (result, released) -> result);
  }

  @Override
  public void cancel(TranscodeRequest request) {
    cancels.incrementAndGet();
    delegate.cancel(request);
  }

  @Override
  public void endSession(String sessionId) {
    delegate.endSession(sessionId);
  }

  @Override
  public int capacity() {
    return delegate.capacity();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
