package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.node.keys.NodeKeystore;
import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.orchestrator.api.OrchestratorOperatorApi;
import dev.lpnode.orchestrator.pay.NoPayments;
import dev.lpnode.orchestrator.pay.OrchestratorPayments;
import dev.lpnode.orchestrator.work.VerifiedWorkLog;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.PoolSettings;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.transcoder.TranscoderPool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running node: its roles assembled from the configuration, and their orderly shutdown. */
public final class LivepeerNode {
  private static final Logger LOG = LoggerFactory.getLogger(LivepeerNode.class);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final OrchestratorNode orchestrator;
  private final HttpServer cli;

  private LivepeerNode(Vertx vertx, PrometheusMeterRegistry registry, OrchestratorNode orchestrator, HttpServer cli) {
    this.vertx = vertx;
    this.registry = registry;
    this.orchestrator = orchestrator;
    this.cli = cli;
  }

  public static LivepeerNode start(NodeConfig config) {
    if (config.gateway()) {
      throw new ConfigException("-gateway is not available in this build yet");
    }
    if (config.orchestrator() != config.transcoder()) {
      throw new ConfigException("this node transcodes what it orchestrates: run -orchestrator -transcoder together"
          + " (separate orchestrator and transcoder processes are not supported yet)");
    }
    if (!config.offchain()) {
      throw new ConfigException("-network embedded is not available in this build yet; use -network offchain");
    }
    NodeKeystore.Account account = NodeKeystore.loadOrCreate(config.keystorePath(), config.get(Flags.ETH_ACCT_ADDR),
        config.get(Flags.ETH_PASSWORD));
    LOG.info("{} account {} ({})", account.created() ? "Created" : "Using", account.address(), account.file());

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node_id", account.address());
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();

    Transcoder transcoder = new TranscoderPool(engineSettings(config), PoolSettings.of(1, Runtime.getRuntime().availableProcessors()));
    OrchestratorPayments payments = new NoPayments();
    VerifiedWorkLog workLog = work -> LOG.debug("verified {}", work);
    String serviceUri = config.serviceUri();
    HostPort listen = config.orchestratorListenAddr();
    OrchestratorNode orchestrator = new OrchestratorNode(vertx, new OrchestratorNode.Settings(serviceUri, listen.host(),
        listen.port(), config.dataDir(), config.get(Flags.MAX_SESSIONS_FLAG), !config.offchain()),
        SigningKey.of(account.credentials()), transcoder, payments, workLog, registry, Clock.systemUTC());
    await(orchestrator.start());

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    new OrchestratorOperatorApi(orchestrator, serviceUri, SigningKey.of(account.credentials()).address()).mount(router);
    if (config.get(Flags.MONITOR)) {
      router.get("/metrics").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape()));
    }
    HostPort cliAddr = config.cliAddr();
    HttpServer cli = await(vertx.createHttpServer().requestHandler(router).listen(cliAddr.port(), cliAddr.host()));
    LOG.info("Operator API on http://{}:{}{}", cliAddr.host(), cli.actualPort(), config.get(Flags.MONITOR) ? " (with /metrics)" : "");
    return new LivepeerNode(vertx, registry, orchestrator, cli);
  }

  private static EngineSettings engineSettings(NodeConfig config) {
    EngineSettings settings = EngineSettings.software().withX264Preset(config.get(Flags.X264_PRESET));
    String gpus = config.get(Flags.NVIDIA);
    if (gpus.isEmpty()) {
      return settings;
    }
    List<Integer> devices = gpus.equals("all")
        ? NvidiaGpus.all(Path.of("/proc/driver/nvidia/gpus"))
        : Arrays.stream(gpus.split(",")).map(Integer::parseInt).toList();
    return settings.withNvidia(devices, EngineSettings.DEFAULT_NVENC_SESSION_CAP);
  }

  public int orchestratorPort() {
    return orchestrator.port();
  }

  public int cliPort() {
    return cli.actualPort();
  }

  /** Drains the orchestrator (no new sessions, in-flight segments finish within {@code timeout}), then closes. */
  public void stop(Duration timeout) {
    LOG.info("Draining: capacity 0, waiting up to {} s for segments in flight", timeout.toSeconds());
    try {
      await(orchestrator.stop(timeout));
      await(cli.close());
    } finally {
      await(vertx.close());
      registry.close();
    }
    LOG.info("Stopped");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
