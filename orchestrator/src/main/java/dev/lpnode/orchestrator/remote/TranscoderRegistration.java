package dev.lpnode.orchestrator.remote;

import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.RecountedResults;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * {@code net.Transcoder/RegisterTranscoder}: a transcoder presenting the shared secret and a capacity
 * joins the fleet for as long as its stream lives. go-livepeer has no heartbeat; here the connection
 * gets an HTTP/2 PING every {@value #PING_SECONDS} s, so a transcoder whose machine vanished (no FIN,
 * no RST) is withdrawn within a ping's timeout instead of when a segment times out on it, and an idle
 * stream is never taken for an idle connection.
 */
final class TranscoderRegistration {
  private static final ThrottledLog REFUSED = ThrottledLog.warn(LoggerFactory.getLogger(TranscoderRegistration.class));
  static final int PING_SECONDS = 15;
  /** More registered transcoders than this is a flood, not a farm. */
  static final int MAX_TRANSCODERS = 256;

  private final Vertx vertx;
  private final SharedSecret secret;
  private final TranscoderFleet fleet;
  private final RemoteTasks tasks;
  private final String serviceUri;
  private final String orchId;

  TranscoderRegistration(Vertx vertx, SharedSecret secret, TranscoderFleet fleet, RemoteTasks tasks, String serviceUri,
      String orchId) {
    this.vertx = vertx;
    this.secret = secret;
    this.fleet = fleet;
    this.tasks = tasks;
    this.serviceUri = serviceUri;
    this.orchId = orchId;
  }

  void register(GrpcServerRequest<RegisterRequest, NotifySegment> call, RegisterRequest request) {
    String address = String.valueOf(call.connection().remoteAddress());
    String refusal = !secret.matches(request.getSecret()) ? "invalid secret"
        : request.getCapacity() <= 0 ? "zero capacity" : null;
    if (refusal != null) {
      refuse(call, address, refusal);
      return;
    }
    int capacity = (int) Math.min(Integer.MAX_VALUE, request.getCapacity());
    // go-livepeer replaces missing capabilities with its defaults.
    CapabilitySet capabilities = request.hasCapabilities() ? CapabilitySet.fromNet(request.getCapabilities())
        : CapabilitySet.orchestratorDefaults();
    Context context = vertx.getOrCreateContext();
    StreamLink link = new StreamLink(context, call);
    RegisteredTranscoder transcoder = new RegisteredTranscoder(address, capacity, capabilities, link, tasks,
        fleet.resultCheck(), vertx, serviceUri, orchId, fleet::canTakeOver);
    if (!fleet.join(transcoder, MAX_TRANSCODERS)) {
      refuse(call, address, "too many transcoders registered");
      return;
    }
    // RemoteResultCheck decodes every result: our transcoders need not decode their renditions too.
    call.response().headers().set(RecountedResults.HEADER, RecountedResults.VALUE);
    call.response().writeHead();
    // A reset stream (the transcoder cancelled it, its connection staying up) comes as a gRPC error, not an exception.
    call.errorHandler(e -> fleet.leave(transcoder, "its stream was reset (" + e + ")"));
    call.exceptionHandler(e -> fleet.leave(transcoder, "its stream failed (" + e.getMessage() + ")"));
    call.response().exceptionHandler(e -> fleet.leave(transcoder, "its connection closed (" + e.getMessage() + ")"));
    long pinger = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(PING_SECONDS), t -> call.connection()
        .ping(Buffer.buffer("lpnodeT!"))
        .timeout(PING_SECONDS, TimeUnit.SECONDS)
        .onFailure(e -> fleet.leave(transcoder, "no answer to a ping in " + PING_SECONDS + " s")));
    link.onClose(() -> vertx.cancelTimer(pinger));
  }

  private static void refuse(GrpcServerRequest<RegisterRequest, NotifySegment> call, String address, String refusal) {
    REFUSED.log("transcoder registration refused: " + refusal, "from {}", address);
    call.response().status(GrpcStatus.UNKNOWN).statusMessage(refusal).end();
  }

  /** The registration stream as a {@link RegisteredTranscoder.Link}: writes go through the stream's context. */
  private static final class StreamLink implements RegisteredTranscoder.Link {
    private final Context context;
    private final GrpcServerRequest<RegisterRequest, NotifySegment> call;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Runnable onClose = () -> { };

    StreamLink(Context context, GrpcServerRequest<RegisterRequest, NotifySegment> call) {
      this.context = context;
      this.call = call;
    }

    void onClose(Runnable action) {
      onClose = action;
    }

    @Override
    public boolean send(NotifySegment message) {
      if (closed.get()) {
        return false;
      }
      context.runOnContext(v -> call.response().write(message));
      return true;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        context.runOnContext(v -> {
          onClose.run();
          try {
            call.response().end(); // a stream that ends makes the transcoder register again
          } catch (IllegalStateException | NullPointerException alreadyGone) {
            // reset or closed by the other side: nothing to end (Vert.x 5.0 throws the NPE on a closed connection)
          }
        });
      }
    }
  }
}
