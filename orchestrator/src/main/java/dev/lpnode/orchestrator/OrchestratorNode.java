package dev.lpnode.orchestrator;

import dev.lpnode.orchestrator.metrics.OrchestratorMetrics;
import dev.lpnode.orchestrator.pay.OrchestratorPayments;
import dev.lpnode.orchestrator.remote.RemoteTranscoders;
import dev.lpnode.orchestrator.remote.TranscoderFleet;
import dev.lpnode.orchestrator.rpc.OrchestratorInfoFactory;
import dev.lpnode.orchestrator.rpc.OrchestratorService;
import dev.lpnode.orchestrator.segment.RenditionVerifier;
import dev.lpnode.orchestrator.segment.SegmentCredentials;
import dev.lpnode.orchestrator.segment.SegmentHandler;
import dev.lpnode.orchestrator.segment.SegmentLimits;
import dev.lpnode.orchestrator.server.SelfSignedCertificate;
import dev.lpnode.orchestrator.server.ServiceServer;
import dev.lpnode.orchestrator.badge.BadgeSource;
import dev.lpnode.orchestrator.session.AuthTokens;
import dev.lpnode.orchestrator.session.TranscodeSessions;
import dev.lpnode.orchestrator.store.RenditionStore;
import dev.lpnode.orchestrator.store.StreamHandler;
import dev.lpnode.orchestrator.work.VerifiedWorkLog;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.net.Capabilities;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An orchestrator: the public TLS port (gRPC + HTTP) over the transcoder, payments and the
 * verified-work log. {@link #stop} drains: capacity drops to 0 so gateways go elsewhere, segments
 * in flight finish (up to a timeout), then the port closes.
 */
public final class OrchestratorNode {
  private static final Logger LOG = LoggerFactory.getLogger(OrchestratorNode.class);
  /** The go-livepeer release whose protocol this node speaks; gateways compare it with their minimum. */
  public static final String PROTOCOL_VERSION = "0.9.1";

  /**
   * @param serviceUri  public URI gateways reach us at, e.g. https://o.example.com:8935
   * @param listenHost  interface to bind
   * @param listenPort  port to bind (0 picks a free one)
   * @param dataDir     where the TLS certificate is written
   * @param maxSessions concurrent transcoding sessions
   * @param verifySignatures false offchain, like go-livepeer without an Ethereum client
   * @param segmentLimits what one segment may cost
   * @param orchSecret  the secret remote transcoders present ({@code -orchSecret}); null accepts none.
   *                    With one, the transcoder must be a {@link TranscoderFleet}
   */
  public record Settings(String serviceUri, String listenHost, int listenPort, Path dataDir, int maxSessions,
      boolean verifySignatures, SegmentLimits segmentLimits, String orchSecret) {
    public Settings(String serviceUri, String listenHost, int listenPort, Path dataDir, int maxSessions,
        boolean verifySignatures, SegmentLimits segmentLimits) {
      this(serviceUri, listenHost, listenPort, dataDir, maxSessions, verifySignatures, segmentLimits, null);
    }

    public Settings(String serviceUri, String listenHost, int listenPort, Path dataDir, int maxSessions,
        boolean verifySignatures) {
      this(serviceUri, listenHost, listenPort, dataDir, maxSessions, verifySignatures, SegmentLimits.DEFAULT);
    }

    @Override
    public String toString() {
      return "Settings[" + serviceUri + ", " + listenHost + ":" + listenPort + ", maxSessions " + maxSessions
          + (orchSecret == null ? "" : ", remote transcoders") + "]";
    }
  }

  private final Vertx vertx;
  private final Settings settings;
  private final TranscodeSessions sessions;
  private final Transcoder transcoder;
  private final ExecutorService blocking;
  private final OrchestratorService rpc;
  private final SegmentHandler segments;
  private final StreamHandler streams;
  private final OrchestratorPayments payments;
  private final OrchestratorMetrics metrics;
  private final TranscoderFleet fleet;
  private final RemoteTranscoders remoteTranscoders;
  private final BadgeSource badge;
  private ServiceServer server;
  private long expiryTimer = -1;

  public OrchestratorNode(Vertx vertx, Settings settings, SigningKey nodeKey, Transcoder transcoder,
      OrchestratorPayments payments, VerifiedWorkLog workLog, MeterRegistry registry, Clock clock) {
    this(vertx, settings, nodeKey, transcoder, payments, workLog, registry, clock, StakeUnlocks.NONE);
  }

  /** @param unlocks what staked LPT unlocks here (priority admission, larger ladders, the badge), on the embedded network */
  public OrchestratorNode(Vertx vertx, Settings settings, SigningKey nodeKey, Transcoder transcoder,
      OrchestratorPayments payments, VerifiedWorkLog workLog, MeterRegistry registry, Clock clock,
      StakeUnlocks unlocks) {
    this.vertx = vertx;
    this.settings = settings;
    this.transcoder = transcoder;
    this.payments = payments;
    RenditionStore store = new RenditionStore();
    this.sessions = new TranscodeSessions(settings.maxSessions(), clock, sessionId -> {
      transcoder.endSession(sessionId);
      store.removeAll(sessionId);
    }, unlocks.priority());
    this.badge = unlocks.badge();
    this.metrics = new OrchestratorMetrics(registry, PROTOCOL_VERSION, sessions::activeSessions, sessions::maxSessions);
    this.blocking = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors()), named("lp-orch-blocking"));
    AuthTokens authTokens = AuthTokens.withRandomSecret(clock);
    OrchestratorInfoFactory infos = new OrchestratorInfoFactory(settings.serviceUri(), nodeKey.address(), this::capabilities, payments);
    this.rpc = new OrchestratorService(nodeKey, authTokens, sessions, infos, settings.verifySignatures());
    SegmentCredentials credentials = new SegmentCredentials(authTokens, sessions, this::capabilities, settings.verifySignatures(),
        settings.segmentLimits().maxDuration());
    this.segments = new SegmentHandler(vertx, credentials, payments, infos, sessions, transcoder, new RenditionVerifier(),
        store, nodeKey, settings.serviceUri(), workLog, metrics, blocking, settings.segmentLimits(), unlocks.ladders());
    this.streams = new StreamHandler(store);
    metrics.price(payments.pricePerUnit(), payments.pixelsPerUnit());
    if (settings.orchSecret() == null) {
      this.fleet = null;
      this.remoteTranscoders = null;
    } else {
      if (!(transcoder instanceof TranscoderFleet f)) {
        throw new IllegalArgumentException("remote transcoders need a TranscoderFleet");
      }
      this.fleet = f;
      String orchId = settings.verifySignatures() ? nodeKey.address().toHex() : "offchain";
      this.remoteTranscoders = new RemoteTranscoders(vertx, settings.orchSecret(), fleet, settings.serviceUri(), orchId,
          settings.segmentLimits().maxHeldBytes());
      sessions.setTranscoderCapacity(fleet.sessionCapacity());
      fleet.onCapacityChange(sessions::setTranscoderCapacity);
      metrics.remoteTranscoders(fleet);
    }
  }

  /** What this node advertises: go-livepeer's default orchestrator capabilities, each with the session capacity. */
  private Capabilities capabilities() {
    return CapabilitySet.orchestratorDefaults().toNet(PROTOCOL_VERSION, sessions.maxSessions());
  }

  public Future<Void> start() {
    String host = URI.create(settings.serviceUri()).getHost();
    SelfSignedCertificate certificate = SelfSignedCertificate.generate(host, settings.dataDir());
    expiryTimer = vertx.setPeriodic(5_000, t -> sessions.expireIdle());
    return ServiceServer.start(vertx, settings.listenHost(), settings.listenPort(), certificate, rpc, remoteTranscoders,
        this::route)
        .onSuccess(s -> {
          server = s;
          LOG.info("Orchestrator listening on {}:{}, service URI {}", settings.listenHost(), s.port(), settings.serviceUri());
        })
        .mapEmpty();
  }

  private void route(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/segment")) {
      segments.handle(request);
    } else if (remoteTranscoders != null && path.equals(RemoteTranscoders.RESULTS_PATH)
        && request.method().name().equals("POST")) {
      remoteTranscoders.handleResults(request);
    } else if (remoteTranscoders != null && request.method().name().equals("GET") && remoteTranscoders.serveInput(request)) {
      return;
    } else if (path.startsWith(StreamHandler.PREFIX) && request.method().name().equals("GET")) {
      streams.handle(request);
    } else if (path.equals("/healthz")) {
      request.response().setStatusCode(200).end("OK\n");
    } else {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("404 page not found\n");
    }
  }

  public int port() {
    return server.port();
  }

  /** This orchestrator's signed stake badge, if its network has stake tiers. */
  public BadgeSource badge() {
    return badge;
  }

  public TranscodeSessions sessions() {
    return sessions;
  }

  public OrchestratorMetrics metrics() {
    return metrics;
  }

  /** The transcoders with {@code -orchSecret}: remote ones and the node's own engine; empty without. */
  public Optional<TranscoderFleet> fleet() {
    return Optional.ofNullable(fleet);
  }

  public OrchestratorPayments payments() {
    return payments;
  }

  /** Drains and stops: no new sessions, in-flight segments finish within {@code timeout}, then the port closes. */
  public Future<Void> stop(Duration timeout) {
    sessions.setMaxSessions(0);
    vertx.cancelTimer(expiryTimer);
    Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown(timeout);
    return closed.eventually(() -> {
      blocking.shutdown();
      transcoder.close();
      return Future.succeededFuture();
    });
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
