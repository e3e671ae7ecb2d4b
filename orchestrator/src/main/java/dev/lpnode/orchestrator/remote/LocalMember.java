package dev.lpnode.orchestrator.remote;

import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.wire.CapabilitySet;
import java.util.concurrent.CompletableFuture;

/** The node's own engine ({@code -transcoder} with {@code -orchestrator}) as one more member of the fleet. */
record LocalMember(Transcoder engine, int capacity) implements FleetMember {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public CapabilitySet capabilities() {
    return CapabilitySet.orchestratorDefaults();
  }

  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    return engine.transcode(request);
  }

  @Override
  public void cancel(TranscodeRequest request) {
    engine.cancel(request);
  }

  @Override
  public void endSession(String sessionId) {
    engine.endSession(sessionId);
  }
}
