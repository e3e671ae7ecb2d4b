package dev.lpnode.transcoder;

import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/** What both transcoders share: segments go through a {@link Dispatcher} to the slots they add. */
abstract class DispatchingTranscoder implements Transcoder {
  protected final Dispatcher dispatcher;

  protected DispatchingTranscoder(EngineSettings settings) {
    this.dispatcher = new Dispatcher(costOf(settings));
  }

  /** Budget units of a segment: one on the CPU; on a GPU one NVENC session per rendition. */
  private static ToIntFunction<TranscodeRequest> costOf(EngineSettings settings) {
    return settings.nvidia() ? request -> Math.max(1, request.profiles().size()) : request -> 1;
  }

  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    return dispatcher.submit(request);
  }

  @Override
  public void cancel(TranscodeRequest request) {
    dispatcher.cancel(request);
  }

  @Override
  public void endSession(String sessionId) {
    dispatcher.endSession(sessionId);
  }

  @Override
  public int capacity() {
    return dispatcher.capacity();
  }
}
