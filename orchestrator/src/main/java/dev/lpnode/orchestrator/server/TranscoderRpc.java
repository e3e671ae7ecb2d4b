package dev.lpnode.orchestrator.server;

import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import io.vertx.grpc.server.GrpcServerRequest;

/**
 * The {@code net.Transcoder} gRPC service, served only with {@code -orchSecret}: a remote transcoder's
 * registration, whose response stream carries its work for as long as it stays open. Called on the
 * stream's event loop.
 */
public interface TranscoderRpc {
  void registerTranscoder(GrpcServerRequest<RegisterRequest, NotifySegment> call, RegisterRequest request);
}
