package dev.lpnode.transcoder;

import java.util.concurrent.CompletableFuture;

/**
 * Transcodes segments of stream sessions. Implementations: {@link TranscoderPool} (supervised worker
 * processes, the default) and {@link InProcessTranscoder} (bench and unit tests).
 */
public interface Transcoder extends AutoCloseable {
  /**
   * Queues a segment and returns at once. The future fails with a {@link TranscodeException} whose
   * message is the exact Livepeer error string; past the request's timeout it fails with {@code
   * TranscoderTimeout}, and the segment is stopped and never run again. It completes on a transcoder-owned thread that is free
   * to run dependent stages, but an event loop should still hop back to its own context.
   */
  CompletableFuture<TranscodeResult> transcode(TranscodeRequest request);

  /**
   * Gives up a segment the caller no longer waits for (its client went away): a queued segment is
   * dropped, a running one stopped within a step; its future then fails with {@code TranscoderStopped}.
   * Requests are matched by identity: pass the one given to {@link #transcode}.
   */
  void cancel(TranscodeRequest request);

  /** Forgets a session: its worker affinity and any state kept for it. */
  void endSession(String sessionId);

  /** How many segments run at the same time; more are queued. */
  int capacity();

  @Override
  void close();
}
