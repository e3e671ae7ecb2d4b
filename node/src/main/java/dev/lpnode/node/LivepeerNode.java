package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.RoutingWeightStakes;
import dev.lpnode.gateway.selection.StakeWeights;
import dev.lpnode.node.keys.NodeKeystore;
import dev.lpnode.ledger.api.LedgerOperatorApi;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.embedded.EmbeddedNetworkConfig;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.orchestrator.pay.GatewayPrices;
import dev.lpnode.orchestrator.pay.TicketPayments;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.Pricing;
import dev.lpnode.payments.recipient.PricingConfig;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.redemption.RedemptionQueue;
import dev.lpnode.payments.ticket.Rational;
import java.math.BigInteger;
import java.util.Map;
import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.orchestrator.api.OrchestratorOperatorApi;
import dev.lpnode.orchestrator.pay.NoPayments;
import dev.lpnode.orchestrator.pay.OrchestratorPayments;
import dev.lpnode.orchestrator.work.VerifiedWorkLog;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
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
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running node: its roles assembled from the configuration, and their orderly shutdown. */
public final class LivepeerNode {
  private static final Logger LOG = LoggerFactory.getLogger(LivepeerNode.class);

  /** What a gateway's account is funded with on the embedded network when it has no deposit yet (development ETH). */
  static final BigInteger EMBEDDED_GATEWAY_FUNDS = BigInteger.TEN.pow(18);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final OrchestratorNode orchestrator;
  private final GatewayRole gateway;
  private final EmbeddedNetwork network;
  private final HttpServer cli;

  private LivepeerNode(Vertx vertx, PrometheusMeterRegistry registry, OrchestratorNode orchestrator, GatewayRole gateway,
      EmbeddedNetwork network, HttpServer cli) {
    this.vertx = vertx;
    this.registry = registry;
    this.orchestrator = orchestrator;
    this.gateway = gateway;
    this.network = network;
    this.cli = cli;
  }

  public static LivepeerNode start(NodeConfig config) {
    if (config.orchestrator() != config.transcoder()) {
      throw new ConfigException("this node transcodes what it orchestrates: run -orchestrator -transcoder together"
          + " (separate orchestrator and transcoder processes are not supported yet)");
    }
    NodeKeystore.Account account = NodeKeystore.loadOrCreate(config.keystorePath(), config.get(Flags.ETH_ACCT_ADDR),
        config.get(Flags.ETH_PASSWORD));
    LOG.info("{} account {} ({})", account.created() ? "Created" : "Using", account.address(), account.file());
    SigningKey key = SigningKey.of(account.credentials());
    Clock clock = Clock.systemUTC();

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node_id", account.address());
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();

    LedgerMetrics ledgerMetrics = new LedgerMetrics(registry);
    EmbeddedNetwork network = config.offchain() ? null : EmbeddedNetwork.open(config.dataDir(),
        EmbeddedNetworkConfig.settings(config, key.address()), clock, ledgerMetrics);
    if (network != null) {
      network.start();
      LOG.info("Embedded network in {}: round {}", config.dataDir(), network.ledger().round().round());
    }

    String serviceUri = config.serviceUri();
    OrchestratorNode orchestrator = null;
    if (config.orchestrator()) {
      OrchestratorPayments payments = network == null ? new NoPayments() : ticketPayments(config, key, network, clock, ledgerMetrics);
      VerifiedWorkLog workLog = network == null
          ? segment -> LOG.debug("transcoded {}", segment) // offchain: no ledger to credit, as in go-livepeer
          : segment -> network.ledger().recordSegment(segment);
      Transcoder transcoder = new TranscoderPool(engineSettings(config), PoolSettings.of(1, Runtime.getRuntime().availableProcessors()));
      HostPort listen = config.orchestratorListenAddr();
      orchestrator = new OrchestratorNode(vertx, new OrchestratorNode.Settings(serviceUri, listen.host(),
          listen.port(), config.dataDir(), config.get(Flags.MAX_SESSIONS_FLAG), !config.offchain()),
          key, transcoder, payments, workLog, registry, clock);
      await(orchestrator.start());
    }

    GatewayRole gateway = null;
    if (config.gateway()) {
      gateway = await(GatewayRole.start(vertx, config, key, registry, gatewayPayments(config, key, network),
          stakeWeights(network), config.orchestrator() ? serviceUri : null));
    }

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    if (orchestrator != null) {
      new OrchestratorOperatorApi(orchestrator, serviceUri, key.address()).mount(router);
    }
    if (network != null) {
      new LedgerOperatorApi(vertx, network).mount(router);
    }
    if (config.get(Flags.MONITOR)) {
      router.get("/metrics").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape()));
    }
    HostPort cliAddr = config.cliAddr();
    // Plain HTTP/1.1, as go-livepeer's: an h2c upgrade (which the JDK's client asks for) once corrupted a /metrics answer.
    HttpServer cli = await(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(router).listen(cliAddr.port(), cliAddr.host()));
    LOG.info("Operator API on http://{}:{}{}", cliAddr.host(), cli.actualPort(), config.get(Flags.MONITOR) ? " (with /metrics)" : "");
    return new LivepeerNode(vertx, registry, orchestrator, gateway, network, cli);
  }

  /**
   * The orchestrator's side of tickets on the embedded network: the recipient and its pricing over
   * the network's chain, and the redemption queue, which redeems winners once their params expire
   * and counts each one it gives up on in {@code livepeer_ticket_redemption_errors}.
   */
  private static OrchestratorPayments ticketPayments(NodeConfig config, SigningKey key, EmbeddedNetwork network, Clock clock,
      LedgerMetrics metrics) {
    Balances balances = new Balances(clock);
    Recipient recipient = Recipient.withRandomSecret(new RecipientConfig(key.address(), config.get(Flags.TICKET_EV),
        config.get(Flags.MAX_FACE_VALUE), RecipientConfig.REDEEM_GAS_ARBITRUM),
        network.chain(), network.senderMonitor(), balances, network.winningTickets());
    BigInteger pricePerUnit = config.get(Flags.PRICE_PER_UNIT);
    long pixelsPerUnit = config.get(Flags.PIXELS_PER_UNIT);
    String gatewayPrices = config.get(Flags.PRICE_PER_GATEWAY);
    Pricing pricing = new Pricing(new PricingConfig(Rational.of(pricePerUnit, BigInteger.valueOf(pixelsPerUnit)),
        gatewayPrices == null ? Map.of() : GatewayPrices.parse(gatewayPrices), config.get(Flags.AUTO_ADJUST_PRICE)),
        recipient, balances);
    RedemptionQueue redemptions = new RedemptionQueue(network.winningTickets(), network.chain(), network.senderMonitor(),
        RecipientConfig.REDEEM_GAS_ARBITRUM, metrics::redemptionFailed);
    redemptions.recover();
    network.onNewBlock(recipient::onNewL1Block);
    network.onNewBlock(redemptions::onNewL1Block);
    network.onNewBlock(block -> balances.removeIdle());
    return new TicketPayments(recipient, pricing, balances, pricePerUnit, pixelsPerUnit);
  }

  /**
   * The gateway's side of tickets: off chain nothing is paid; on the embedded network the node's
   * account pays, and is funded with development ETH if it has no deposit yet.
   */
  private static SegmentPayments gatewayPayments(NodeConfig config, SigningKey key, EmbeddedNetwork network) {
    if (network == null) {
      return SegmentPayments.offchain();
    }
    SenderInfo funds = network.chain().broker().senderInfo(key.address());
    if (funds.deposit().signum() == 0 && funds.reserveFundsRemaining().signum() == 0) {
      funds = network.fundDepositAndReserve(key.address(), EMBEDDED_GATEWAY_FUNDS, EMBEDDED_GATEWAY_FUNDS);
      LOG.info("Funded gateway account {} on the embedded network: deposit {} wei, reserve {} wei", key.address(),
          funds.deposit(), funds.reserveFundsRemaining());
    }
    return GatewayRole.ticketPayments(config, new Sender(key, network.chain(), GatewayRole.senderConfig(config)));
  }

  /** Off chain every orchestrator weighs the same; on a network, the ledger's routing weight, renewed every block. */
  private static StakeWeights stakeWeights(EmbeddedNetwork network) {
    if (network == null) {
      return StakeWeights.EQUAL;
    }
    RoutingWeightStakes stakes = new RoutingWeightStakes(network.ledger()::routingWeights);
    stakes.refresh();
    network.onNewBlock(block -> stakes.refresh());
    return stakes;
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

  /** The gateway's ingest, playback and transcoding; empty without {@code -gateway}. */
  public Optional<GatewayRole> gateway() {
    return Optional.ofNullable(gateway);
  }

  /**
   * Stops the gateway (ingest closes, its streams' orchestrator sessions end), drains the
   * orchestrator (no new sessions, in-flight segments finish within {@code timeout}), then closes.
   */
  public void stop(Duration timeout) {
    try {
      if (gateway != null) {
        gateway.stop();
      }
      if (orchestrator != null) {
        LOG.info("Draining: capacity 0, waiting up to {} s for segments in flight", timeout.toSeconds());
        await(orchestrator.stop(timeout));
      }
      await(cli.close());
    } catch (Exception e) {
      LOG.warn("stopping: {}", e.toString());
    } finally {
      await(vertx.close());
      if (network != null) {
        network.close();
      }
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
