package dev.lpnode.orchestrator.remote;

import dev.lpnode.http.ByteBudget;
import dev.lpnode.orchestrator.server.TranscoderRpc;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.Optional;

/**
 * The orchestrator's side of go-livepeer's O–T protocol (spec/protocol.md §8), on its public port:
 * registrations ({@code net.Transcoder}), the inputs of segments out with transcoders
 * ({@code GET /stream/…​.tempfile}) and their results ({@code POST /transcodeResults}), all feeding
 * one {@link TranscoderFleet}.
 */
public final class RemoteTranscoders implements TranscoderRpc {
  public static final String RESULTS_PATH = "/transcodeResults";
  private static final String STREAM_PREFIX = "/stream/";

  private final RemoteTasks tasks = new RemoteTasks();
  private final TranscoderRegistration registration;
  private final TranscodeResultsHandler results;

  /**
   * @param secret       what transcoders must present ({@code -orchSecret})
   * @param serviceUri   where transcoders fetch inputs from (this node's public URI)
   * @param orchId       the orchestrator's address in hex, or "offchain"
   * @param maxHeldBytes result bytes held at once over all uploads
   */
  public RemoteTranscoders(Vertx vertx, String secret, TranscoderFleet fleet, String serviceUri, String orchId,
      long maxHeldBytes) {
    SharedSecret shared = new SharedSecret(secret);
    this.registration = new TranscoderRegistration(vertx, shared, fleet, tasks, serviceUri, orchId);
    this.results = new TranscodeResultsHandler(vertx, shared, tasks, new ByteBudget(maxHeldBytes));
  }

  @Override
  public void registerTranscoder(GrpcServerRequest<RegisterRequest, NotifySegment> call, RegisterRequest request) {
    registration.register(call, request);
  }

  /** {@code POST /transcodeResults}. */
  public void handleResults(HttpServerRequest request) {
    results.handle(request);
  }

  /** Serves {@code request} if it asks for an open task's input; false if it is not such a request. */
  public boolean serveInput(HttpServerRequest request) {
    String path = request.path();
    if (!path.startsWith(STREAM_PREFIX) || !path.endsWith(RemoteTasks.INPUT_SUFFIX)) {
      return false;
    }
    Optional<byte[]> input = tasks.input(path.substring(STREAM_PREFIX.length()));
    if (input.isEmpty()) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("404 page not found\n");
    } else {
      request.response().putHeader("Content-Type", "video/mp2t").end(Buffer.buffer(input.get()));
    }
    return true;
  }
}
