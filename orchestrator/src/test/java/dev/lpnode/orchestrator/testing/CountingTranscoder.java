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

  public CountingTranscoder(Transcoder delegate) {
    this.delegate = delegate;
  }

  public int calls() {
    return calls.get();
  }

  public int cancels() {
    return cancels.get();
  }

  /** The last request given, as the orchestrator built it (timeout included). */
  public TranscodeRequest last() {
    return last;
  }

  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    calls.incrementAndGet();
    last = request;
    return delegate.transcode(request);
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
