package dev.lpnode.gateway;

import dev.lpnode.gateway.ingest.AuthWebhook;
import dev.lpnode.gateway.playback.PlaybackRoutes;
import dev.lpnode.gateway.push.PushIngestHandler;
import dev.lpnode.gateway.rtmp.RtmpServer;
import dev.lpnode.gateway.stream.IngestStats;
import dev.lpnode.gateway.stream.RtmpIngest;
import dev.lpnode.gateway.stream.SegmentPipeline;
import dev.lpnode.gateway.stream.StreamAdmission;
import dev.lpnode.gateway.stream.StreamRegistry;
import dev.lpnode.http.ByteBudget;
import dev.lpnode.http.PortDeadlines;
import dev.lpnode.http.PortGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's ingest and playback: RTMP ingest on {@code rtmpAddr}; HTTP push ingest
 * ({@code /live/...}), HLS playback ({@code /stream/...}) and the player page ({@code /player/...})
 * on {@code httpAddr}. Segments go to the {@link GatewayOptions#processor()}; remuxing and probing
 * run on a bounded worker pool, never on an event loop.
 */
public final class GatewayServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private static final long SWEEP_INTERVAL_MS = 1000;
  /** go-livepeer's HTTP idle timeout for ingest and playback clients. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final StreamRegistry registry;
  private final SegmentPipeline pipeline;
  private final WorkerExecutor media;
  private final RtmpServer rtmp;
  private final HttpServer http;
  private final AuthWebhook webhook;
  private final long sweeper;
  private final int rtmpPort;
  private final int httpPort;

  private GatewayServer(Vertx vertx, StreamRegistry registry, SegmentPipeline pipeline, WorkerExecutor media,
      RtmpServer rtmp, HttpServer http, AuthWebhook webhook, long sweeper, int rtmpPort) {
    this.vertx = vertx;
    this.registry = registry;
    this.pipeline = pipeline;
    this.media = media;
    this.rtmp = rtmp;
    this.http = http;
    this.webhook = webhook;
    this.sweeper = sweeper;
    this.rtmpPort = rtmpPort;
    this.httpPort = http.actualPort();
  }

  /** Binds both servers; fails (with nothing left running) if either address cannot be bound. */
  public static Future<GatewayServer> start(Vertx vertx, GatewayOptions options) {
    StreamRegistry registry = new StreamRegistry(options.maxStreams(), options.pushIdleTimeout(),
        options.streamLinger(), System::nanoTime);
    WorkerExecutor media = vertx.createSharedWorkerExecutor("lpnode-gateway-media", options.mediaWorkers(), 60,
        TimeUnit.SECONDS);
    SegmentPipeline pipeline = new SegmentPipeline(vertx, options.processor(), options.maxInFlight(),
        SegmentPipeline.MIN_TIMEOUT_MS, System::nanoTime);

    AuthWebhook webhook = options.authWebhookUrl() == null ? null : new AuthWebhook(vertx, options.authWebhookUrl());
    StreamAdmission admission = new StreamAdmission(webhook, registry, System::nanoTime);

    Router router = Router.router(vertx);
    router.route("/live/*").handler(new PushIngestHandler(registry, admission, pipeline, media, options.ladder(),
        options.maxPushBytes(), new ByteBudget(options.maxPushBufferedBytes())));
    PlaybackRoutes.mount(router, registry);
    PortGuard.routerFailures(router, "gateway");
    HttpServer http = PortGuard.create(vertx, "gateway", new HttpServerOptions()
        .setHost(options.httpAddr().host())
        .setPort(options.httpAddr().port())
        .setMaxHeaderSize(64 * 1024)
        .setCompressionSupported(false), PortDeadlines.withIdle(IDLE_TIMEOUT), router);

    RtmpServer rtmp = new RtmpServer(vertx, options.rtmpLimits(), new RtmpIngest(registry, admission, pipeline, media,
        options.ladder(), options.segmentTarget().toMillis(), options.maxSegmentBytes()));

    return http.listen().compose(bound -> rtmp.listen(options.rtmpAddr().host(), options.rtmpAddr().port())
        .recover(e -> http.close().transform(v -> Future.failedFuture(e))))
        .map(rtmpPort -> {
          long sweeper = vertx.setPeriodic(SWEEP_INTERVAL_MS,
              id -> registry.sweep().forEach(options.processor()::streamEnded));
          LOG.info("gateway: RTMP ingest on {}:{}, HTTP push and playback on {}:{}", options.rtmpAddr().host(),
              rtmpPort, options.httpAddr().host(), http.actualPort());
          return new GatewayServer(vertx, registry, pipeline, media, rtmp, http, webhook, sweeper, rtmpPort);
        })
        .onFailure(e -> media.close());
  }

  public int rtmpPort() {
    return rtmpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  public StreamRegistry streams() {
    return registry;
  }

  public IngestStats stats() {
    return pipeline.stats();
  }

  /** Closes both servers (publications end, their last segments are cut) and the worker pool. */
  public Future<Void> stop() {
    vertx.cancelTimer(sweeper);
    if (webhook != null) {
      webhook.close();
    }
    return Future.join(rtmp.close(), http.close())
        .transform(v -> media.close())
        .mapEmpty();
  }
}
