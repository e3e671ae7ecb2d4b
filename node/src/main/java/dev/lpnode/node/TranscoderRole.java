package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.remote.LinkStatus;
import dev.lpnode.remote.RemoteTranscoder;
import dev.lpnode.remote.RemoteTranscoderSettings;
import dev.lpnode.remote.TranscoderCapabilities;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.PoolSettings;
import dev.lpnode.transcoder.TranscoderPool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -transcoder} without {@code -orchestrator}: this machine's engine (the worker-process pool,
 * tested at start-up as a combined node's) serving the orchestrator at {@code -orchAddr} (protocol.md
 * §8), with {@code /healthz} and, with {@code -monitor}, {@code /metrics} on {@code -cliAddr}. It
 * needs no keystore and no network: the orchestrator pays and signs.
 */
final class TranscoderRole {
  private static final Logger LOG = LoggerFactory.getLogger(TranscoderRole.class);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final TranscoderPool pool;
  private final RemoteTranscoder remote;
  private final HttpServer cli;

  private TranscoderRole(Vertx vertx, PrometheusMeterRegistry registry, TranscoderPool pool, RemoteTranscoder remote,
      HttpServer cli) {
    this.vertx = vertx;
    this.registry = registry;
    this.pool = pool;
    this.remote = remote;
    this.cli = cli;
  }

  /**
   * @param refused called if the orchestrator refuses this transcoder for good (wrong secret, zero capacity)
   * @throws ConfigException when -orchAddr or -orchSecret is missing or unusable, or the transcoder test fails
   */
  static TranscoderRole start(NodeConfig config, Consumer<String> refused) {
    if (config.gateway()) {
      throw new ConfigException("-transcoder without -orchestrator is a remote transcoder and cannot run -gateway too:"
          + " run -orchestrator -transcoder -gateway for a combined node");
    }
    HostPort orchestrator = orchestratorAddress(config.get(Flags.ORCH_ADDR));
    String secret = config.get(Flags.ORCH_SECRET);
    if (secret == null || secret.isEmpty()) {
      throw new ConfigException("-transcoder without -orchestrator needs -orchSecret: the secret its orchestrator accepts"
          + " (or a file holding it)");
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node_id", hostName());
    EngineSettings engine = LivepeerNode.engineSettings(config);
    TranscoderPool pool = new TranscoderPool(engine, PoolSettings.of(1, Runtime.getRuntime().availableProcessors()));
    Vertx vertx = null;
    try {
      int capacity = LivepeerNode.admitted(config, LivepeerNode.transcoderTest(config, pool, engine));
      vertx = LivepeerNode.metricsVertx(registry);
      RemoteTranscoder remote = RemoteTranscoder.start(vertx, new RemoteTranscoderSettings(orchestrator, secret, capacity,
          TranscoderCapabilities.software(), OrchestratorNode.PROTOCOL_VERSION), pool, registry, refused);
      Router router = LivepeerNode.operatorRouter(vertx, config);
      router.get("/healthz").handler(ctx -> {
        LinkStatus status = remote.status();
        ctx.response().setStatusCode(status.registered() ? 200 : 503)
            .putHeader("Content-Type", "text/plain; charset=utf-8").end(status.reason() + "\n");
      });
      HttpServer cli = LivepeerNode.listenOperatorApi(vertx, config, router, registry);
      LOG.info("Remote transcoder for orchestrator {}: capacity {}", orchestrator, capacity);
      return new TranscoderRole(vertx, registry, pool, remote, cli);
    } catch (RuntimeException e) {
      if (vertx != null) {
        vertx.close();
      }
      pool.close();
      registry.close();
      throw e;
    }
  }

  /** -orchAddr for a transcoder: exactly one host:port, its orchestrator's public TLS port. */
  static HostPort orchestratorAddress(List<String> orchAddr) {
    if (orchAddr.size() != 1) {
      throw new ConfigException("-transcoder without -orchestrator needs -orchAddr host:port of exactly one orchestrator"
          + " (its -serviceAddr port), got " + (orchAddr.isEmpty() ? "none" : String.join(",", orchAddr)));
    }
    String addr = orchAddr.get(0).trim();
    if (addr.contains("://") || addr.startsWith(":") || addr.indexOf(':') < 0) {
      throw new ConfigException("-orchAddr for a transcoder is host:port (no scheme), got " + addr);
    }
    return HostPort.parse(addr);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "transcoder";
    }
  }

  int cliPort() {
    return cli.actualPort();
  }

  /** Drains (segments in hand are transcoded and uploaded, within {@code timeout}), then deregisters and stops. */
  void stop(Duration timeout) {
    try {
      LivepeerNode.await(remote.drain(timeout));
      LivepeerNode.await(cli.close());
    } catch (Exception e) {
      LOG.warn("stopping: {}", e.toString());
    } finally {
      pool.close();
      LivepeerNode.await(vertx.close());
      registry.close();
    }
    LOG.info("Stopped");
  }
}
