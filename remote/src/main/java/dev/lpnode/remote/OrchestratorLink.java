package dev.lpnode.remote;

import dev.lpnode.config.HostPort;
import dev.lpnode.wire.RecountedResults;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration stream: {@code net.Transcoder/RegisterTranscoder} to the orchestrator, whose
 * NotifySegments go to a consumer while it lasts. An orchestrator that refuses the secret or the
 * capacity is fatal; any other end of the stream (refused, reset, closed, the orchestrator
 * restarted) is followed by a new registration after a {@link ReconnectBackoff} wait, forever. Each
 * change of state is logged once. Runs on the Vert.x context it is started on.
 */
final class OrchestratorLink {
  private static final Logger LOG = LoggerFactory.getLogger(OrchestratorLink.class);
  private static final ServiceMethod<NotifySegment, RegisterRequest> REGISTER = ServiceMethod.client(
      ServiceName.create("net", "Transcoder"), "RegisterTranscoder", GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(NotifySegment.getDefaultInstance()));
  /**
   * A go-livepeer orchestrator sends no response headers until its first segment, but refuses a bad
   * secret or capacity at once: a stream still open this long after the request is a registration.
   */
  static final Duration CONFIRM_AFTER = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final HostPort orchestrator;
  private final RegisterRequest registration;
  private final Consumer<NotifySegment> segments;
  private final Consumer<String> fatal;
  private final HttpClient http;
  private final GrpcClient grpc;
  private final ReconnectBackoff backoff = new ReconnectBackoff(() -> ThreadLocalRandom.current().nextDouble());

  private long attempt;
  private GrpcClientRequest<RegisterRequest, NotifySegment> call;
  private volatile LinkStatus status;
  private volatile boolean recounts;
  private boolean everRegistered;
  private boolean outageLogged;
  private long outageStartNanos;
  private long pendingTimer = -1;
  private boolean closed;

  /** @param fatal called once, with the reason, when the orchestrator refuses this transcoder for good */
  OrchestratorLink(Vertx vertx, HostPort orchestrator, RegisterRequest registration, Consumer<NotifySegment> segments,
      Consumer<String> fatal) {
    this.vertx = vertx;
    this.orchestrator = orchestrator;
    this.registration = registration;
    this.segments = segments;
    this.fatal = fatal;
    // The stream may be idle for hours between streams: no idle timeout on its connection.
    this.http = vertx.createHttpClient(SegmentHttp.trustAllHttp2().setIdleTimeout(0));
    this.grpc = GrpcClient.client(vertx, http);
    this.status = new LinkStatus(false, "registering with orchestrator " + orchestrator);
  }

  LinkStatus status() {
    return status;
  }

  /** Whether the orchestrator of the current stream decodes every result itself ({@link RecountedResults}). */
  boolean orchestratorRecounts() {
    return recounts;
  }

  void connect() {
    if (closed) {
      return;
    }
    long id = ++attempt;
    LOG.debug("Registering with orchestrator {} (attempt {})", orchestrator, id);
    SocketAddress address = SocketAddress.inetSocketAddress(orchestrator.port(), orchestrator.host());
    grpc.request(address, REGISTER)
        .compose(request -> {
          call = request;
          pendingTimer = vertx.setTimer(CONFIRM_AFTER.toMillis(), t -> registered(id));
          return request.send(registration);
        })
        .onSuccess(response -> {
          recounts = RecountedResults.VALUE.equals(response.headers().get(RecountedResults.HEADER));
          response.handler(segment -> {
            registered(id);
            segments.accept(segment);
          });
          response.exceptionHandler(e -> lost(id, describe(e)));
          response.endHandler(v -> ended(id, response));
          if (response.status() == null) {
            registered(id); // headers without a status: the orchestrator accepted the stream
          }
        })
        .onFailure(e -> lost(id, describe(e)));
  }

  private void registered(long id) {
    if (id != attempt || closed || status.registered()) {
      return;
    }
    status = new LinkStatus(true, "registered with orchestrator " + orchestrator);
    backoff.reset();
    if (!everRegistered) {
      LOG.info("Registered with orchestrator {}: capacity {}", orchestrator, registration.getCapacity());
    } else {
      LOG.info("Back: registered with orchestrator {} again after {} s (capacity {})", orchestrator,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - outageStartNanos) / 1e9), registration.getCapacity());
    }
    everRegistered = true;
    outageLogged = false;
  }

  private void ended(long id, GrpcClientResponse<RegisterRequest, NotifySegment> response) {
    GrpcStatus code = response.status();
    String message = response.statusMessage();
    if (code != null && code != GrpcStatus.OK && message != null && isFatal(message)) {
      refused(id, message);
      return;
    }
    lost(id, code == null || code == GrpcStatus.OK ? "the orchestrator ended the stream"
        : "the orchestrator ended the stream: " + code + (message == null ? "" : " " + message));
  }

  /** go-livepeer's orchestrator answers {@code invalid secret} and {@code zero capacity} (capitalised in some releases). */
  static boolean isFatal(String message) {
    String m = message.trim().toLowerCase(Locale.ROOT);
    return m.equals("invalid secret") || m.equals("zero capacity");
  }

  private void refused(long id, String message) {
    if (id != attempt || closed) {
      return;
    }
    closed = true;
    cancelPending();
    String reason = "orchestrator " + orchestrator + " refused this transcoder: " + message.trim()
        + (message.toLowerCase(Locale.ROOT).contains("secret") ? " (check -orchSecret)" : " (check -maxSessions)");
    status = new LinkStatus(false, reason);
    LOG.error("Fatal: {}", reason);
    fatal.accept(reason);
  }

  private void lost(long id, String cause) {
    if (id != attempt || closed) {
      return;
    }
    attempt++; // later callbacks of this stream are stale
    cancelPending();
    if (call != null) {
      call.cancel();
      call = null;
    }
    boolean wasRegistered = status.registered();
    status = new LinkStatus(false, "not registered with orchestrator " + orchestrator + ": " + cause);
    if (!outageLogged) {
      outageStartNanos = System.nanoTime();
      outageLogged = true;
      if (wasRegistered || everRegistered) {
        LOG.warn("Lost orchestrator {}: {}; registering again with back-off", orchestrator, cause);
      } else {
        LOG.warn("Cannot register with orchestrator {}: {}; trying again with back-off", orchestrator, cause);
      }
    }
    Duration wait = backoff.next();
    LOG.debug("Next registration attempt in {} ms", wait.toMillis());
    pendingTimer = vertx.setTimer(Math.max(1, wait.toMillis()), t -> {
      pendingTimer = -1;
      connect();
    });
  }

  private void cancelPending() {
    if (pendingTimer >= 0) {
      vertx.cancelTimer(pendingTimer);
      pendingTimer = -1;
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Closes the stream (the orchestrator sees this transcoder leave) and stops registering. */
  void close() {
    closed = true;
    cancelPending();
    if (call != null) {
      call.cancel();
      call = null;
    }
    status = new LinkStatus(false, "stopped");
    grpc.close();
    http.close();
  }
}
