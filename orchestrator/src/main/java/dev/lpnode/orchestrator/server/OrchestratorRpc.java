package dev.lpnode.orchestrator.server;

import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.EndTranscodingSessionResponse;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.PingPong;

/**
 * The {@code net.Orchestrator} gRPC service. A method that throws {@link RpcException} answers
 * with gRPC status UNKNOWN and the exception's message, as go-livepeer's errors reach gateways.
 * Called on worker threads: implementations may block on payments' disk and chain reads.
 */
public interface OrchestratorRpc {
  OrchestratorInfo getOrchestrator(OrchestratorRequest request);

  EndTranscodingSessionResponse endTranscodingSession(EndTranscodingSessionRequest request);

  PingPong ping(PingPong request);

  /** An error to report to the gateway with go-livepeer's text. */
  final class RpcException extends RuntimeException {
    public RpcException(String message) {
      super(message);
    }
  }
}
