package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.config.SessionLimit;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.eth.ActivePool;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.RoutingWeightStakes;
import dev.lpnode.gateway.selection.StakeWeights;
import dev.lpnode.http.PortDeadlines;
import dev.lpnode.http.PortGuard;
import dev.lpnode.node.api.ChainOperatorApi;
import dev.lpnode.node.api.OperatorApiGuard;
import dev.lpnode.node.keys.NodeKeystore;
import dev.lpnode.ledger.api.LedgerOperatorApi;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.orchestrator.pay.GatewayPrices;
import dev.lpnode.orchestrator.segment.SegmentLimits;
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
import dev.lpnode.orchestrator.StakeUnlocks;
import dev.lpnode.orchestrator.api.OrchestratorOperatorApi;
import dev.lpnode.orchestrator.pay.NoPayments;
import dev.lpnode.orchestrator.pay.OrchestratorPayments;
import dev.lpnode.orchestrator.remote.TranscoderFleet;
import dev.lpnode.orchestrator.work.VerifiedWorkLog;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.PoolSettings;
import dev.lpnode.transcoder.StartupTranscode;
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
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running node: its roles assembled from the configuration, and their orderly shutdown. */
public final class LivepeerNode {
  private static final Logger LOG = LoggerFactory.getLogger(LivepeerNode.class);

  /** What a gateway's account is funded with on the embedded network when it has no deposit yet (development ETH). */
  static final BigInteger EMBEDDED_GATEWAY_FUNDS = BigInteger.TEN.pow(18);
  /** An operator's client that keeps a connection open without using it loses it after this. */
  private static final Duration CLI_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final OrchestratorNode orchestrator;
  private final GatewayRole gateway;
  private final NetworkRole network;
  private final HttpServer cli;
  private final TranscoderRole remoteTranscoder;

  private LivepeerNode(Vertx vertx, PrometheusMeterRegistry registry, OrchestratorNode orchestrator, GatewayRole gateway,
      NetworkRole network, HttpServer cli) {
    this.vertx = vertx;
    this.registry = registry;
    this.orchestrator = orchestrator;
    this.gateway = gateway;
    this.network = network;
    this.cli = cli;
    this.remoteTranscoder = null;
  }

  private LivepeerNode(TranscoderRole remoteTranscoder) {
    this.vertx = null;
    this.registry = null;
    this.orchestrator = null;
    this.gateway = null;
    this.network = null;
    this.cli = null;
    this.remoteTranscoder = remoteTranscoder;
  }

  public static LivepeerNode start(NodeConfig config) {
    LogVerbosity.apply(config);
    if (config.transcoder() && !config.orchestrator()) {
      return new LivepeerNode(TranscoderRole.start(config, LivepeerNode::exitRefused));
    }
    String orchSecret = config.get(Flags.ORCH_SECRET);
    if (config.orchestrator() && !config.transcoder() && orchSecret == null) {
      throw new ConfigException("an orchestrator without -transcoder needs remote transcoders: give it -orchSecret"
          + " (a secret or a file) and start transcoders with -transcoder -orchAddr <this node> -orchSecret <the same>");
    }
    NodeKeystore.Account account = NodeKeystore.forNode(config);
    SigningKey key = SigningKey.of(account.credentials());
    Clock clock = Clock.systemUTC();

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node_id", account.address());
    Vertx vertx = metricsVertx(registry);

    // What a failed start opened is closed again, newest first: a node that cannot start leaves nothing running.
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    opened.push(() -> {
      await(vertx.close());
      registry.close();
    });
    try {
      NetworkRole networkRole = NetworkRole.open(config, account.credentials(), registry, clock);
      opened.push(networkRole::close);
      EmbeddedNetwork network = networkRole.embedded().orElse(null);

      String serviceUri = config.serviceUri();
      OrchestratorNode orchestrator = null;
      int maxSessions = config.get(Flags.MAX_SESSIONS_FLAG).orElse(GatewayRole.DEFAULT_MAX_STREAMS);
      OptionalInt realTimeSessions = OptionalInt.empty();
      if (config.orchestrator()) {
        OrchestratorPayments payments = networkRole.tickets().<OrchestratorPayments>map(t -> ticketPayments(config, key, t, clock))
            .orElseGet(NoPayments::new);
        VerifiedWorkLog workLog = network == null
            ? segment -> LOG.debug("transcoded {}", segment) // offchain: no ledger to credit, as in go-livepeer
            : segment -> network.ledger().recordSegment(segment);
        EngineSettings engine = engineSettings(config);
        TranscoderPool pool = new TranscoderPool(engine, PoolSettings.of(1, Runtime.getRuntime().availableProcessors()));
        opened.push(pool::close);
        Transcoder transcoder = pool;
        if (config.transcoder()) {
          realTimeSessions = transcoderTest(config, pool, engine);
        }
        if (orchSecret == null) {
          maxSessions = admitted(config, realTimeSessions);
        } else {
          // The fleet's capacity bounds admission; a fixed -maxSessions caps it, auto does not.
          SessionLimit limit = config.get(Flags.MAX_SESSIONS_FLAG);
          maxSessions = limit.auto() ? Integer.MAX_VALUE : limit.fixed();
          int localSessions = realTimeSessions.orElse(limit.auto() ? 0 : limit.fixed());
          // Without -transcoder the pool only recounts remote results.
          transcoder = new TranscoderFleet(config.transcoder() ? pool : null, localSessions, pool);
        }
        HostPort listen = config.orchestratorListenAddr();
        StakeUnlocks unlocks = StakeUnlocks.NONE;
        if (network != null) {
          StakedGateways staked = new StakedGateways(vertx, network.ledger());
          opened.push(staked::stop);
          LedgerBadge badge = new LedgerBadge(vertx, network.ledger(), key);
          opened.push(badge::stop);
          unlocks = new StakeUnlocks(staked, staked, badge);
        }
        orchestrator = new OrchestratorNode(vertx, new OrchestratorNode.Settings(serviceUri, listen.host(),
            listen.port(), config.dataDir(), maxSessions, !config.offchain(),
            new SegmentLimits(config.get(Flags.MAX_SEGMENT_DURATION), config.get(Flags.MAX_SEGMENT_MEMORY)), orchSecret),
            key, transcoder, payments, workLog, registry, clock, unlocks);
        await(orchestrator.start());
      }

      networkRole.start();

      GatewayRole gateway = null;
      if (config.gateway()) {
        // A combined node's gateway uses its own orchestrator, so it takes as many streams as that one can.
        boolean ownOrchestrator = config.orchestrator() && config.get(Flags.ORCH_ADDR).isEmpty();
        int maxStreams = ownOrchestrator && maxSessions != Integer.MAX_VALUE ? maxSessions
            : config.get(Flags.MAX_SESSIONS_FLAG).orElse(GatewayRole.DEFAULT_MAX_STREAMS);
        StakeWeights stakes = stakeWeights(network);
        OrchestratorSource fallback = null;
        if (config.orchestrator()) {
          fallback = OrchestratorSource.of(List.of(serviceUri));
        } else {
          // On a chain, orchestrators weigh their stake there, and without -orchAddr they are found there.
          Optional<ActivePool> pool = networkRole.followActivePool();
          if (pool.isPresent()) {
            stakes = GatewayRole.chainStakes(pool.get());
            fallback = GatewayRole.namesNoOrchestrators(config) ? GatewayRole.chainPool(pool.get()) : null;
          }
        }
        gateway = await(GatewayRole.start(vertx, config, key, registry, gatewayPayments(config, key, networkRole),
            stakes, fallback, maxStreams, network == null ? null : network.ledger()));
        opened.push(gateway::stop);
      }

      Router router = operatorRouter(vertx, config);
      if (orchestrator != null) {
        new OrchestratorOperatorApi(orchestrator, serviceUri, key.address(), realTimeSessions).mount(router);
      }
      if (network != null) {
        new LedgerOperatorApi(vertx, network).mount(router);
      }
      networkRole.staking().ifPresent(staking -> new ChainOperatorApi(vertx, staking, serviceUri).mount(router));
      HttpServer cli = listenOperatorApi(vertx, config, router, registry);
      return new LivepeerNode(vertx, registry, orchestrator, gateway, networkRole, cli);
    } catch (RuntimeException e) {
      for (AutoCloseable resource : opened) {
        try {
          resource.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Vert.x with its metrics in the node's registry. */
  static Vertx metricsVertx(PrometheusMeterRegistry registry) {
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** The operator API's router: the token guard and a small body limit in front of every route but {@code /slash}'s evidence. */
  static Router operatorRouter(Vertx vertx, NodeConfig config) {
    Router router = Router.router(vertx);
    router.route().handler(OperatorApiGuard.forNode(config));
    BodyHandler small = BodyHandler.create().setBodyLimit(64 * 1024);
    BodyHandler evidence = BodyHandler.create().setBodyLimit(LedgerOperatorApi.MAX_SLASH_BODY);
    router.route().handler(ctx -> (ctx.request().path().equals("/slash") ? evidence : small).handle(ctx));
    return router;
  }

  /** Serves the operator API on {@code -cliAddr}, with {@code /metrics} when {@code -monitor} is set. */
  static HttpServer listenOperatorApi(Vertx vertx, NodeConfig config, Router router, PrometheusMeterRegistry registry) {
    if (config.get(Flags.MONITOR)) {
      router.get("/metrics").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape()));
    }
    HostPort cliAddr = config.cliAddr();
    // Plain HTTP/1.1, as go-livepeer's (PortGuard serves no h2c: an h2c upgrade once corrupted a /metrics answer).
    PortGuard.routerFailures(router, "operator API");
    HttpServer cli = await(PortGuard.create(vertx, "operator API", new HttpServerOptions(),
        PortDeadlines.withIdle(CLI_IDLE_TIMEOUT), router).listen(cliAddr.port(), cliAddr.host()));
    LOG.info("Operator API on http://{}:{}{}", cliAddr.host(), cli.actualPort(), config.get(Flags.MONITOR) ? " (with /metrics)" : "");
    return cli;
  }

  /**
   * An orchestrator refused this transcoder for good: exit with status 2, from a thread of its own
   * (the shutdown hook this starts closes Vert.x, whose event loop must not be the one waiting).
   */
  private static void exitRefused(String reason) {
    new Thread(() -> {
      System.err.println("lpnode: " + reason);
      System.exit(2);
    }, "lpnode-refused").start();
  }

  /**
   * The orchestrator's side of tickets on the embedded network or a chain: the recipient and its
   * pricing over the network's chain, and the redemption queue, which redeems winners once their
   * params expire and counts each one it gives up on in {@code livepeer_ticket_redemption_errors}.
   */
  private static OrchestratorPayments ticketPayments(NodeConfig config, SigningKey key, NetworkRole.Tickets network, Clock clock) {
    Balances balances = new Balances(clock);
    Recipient recipient = Recipient.withRandomSecret(new RecipientConfig(key.address(), config.get(Flags.TICKET_EV),
        config.get(Flags.MAX_FACE_VALUE), network.redeemGas()), network.chain(), network.senders(), balances, network.winners());
    BigInteger pricePerUnit = config.get(Flags.PRICE_PER_UNIT);
    long pixelsPerUnit = config.get(Flags.PIXELS_PER_UNIT);
    String gatewayPrices = config.get(Flags.PRICE_PER_GATEWAY);
    Pricing pricing = new Pricing(new PricingConfig(Rational.of(pricePerUnit, BigInteger.valueOf(pixelsPerUnit)),
        gatewayPrices == null ? Map.of() : GatewayPrices.parse(gatewayPrices), config.get(Flags.AUTO_ADJUST_PRICE)),
        recipient, balances);
    RedemptionQueue redemptions = new RedemptionQueue(network.winners(), network.chain(), network.senders(), network.redeemGas(),
        network.redemptionFailed());
    redemptions.recover();
    network.newBlocks().onNewBlock(recipient::onNewL1Block);
    network.newBlocks().onNewBlock(redemptions::onNewL1Block);
    network.newBlocks().onNewBlock(block -> balances.removeIdle());
    return new TicketPayments(recipient, pricing, balances, pricePerUnit, pixelsPerUnit);
  }

  /**
   * The gateway's side of tickets: off chain nothing is paid. Otherwise the node's account pays on
   * the network's chain, its deposit and reserve read here once (on a chain, they then follow its
   * TicketBroker events: no JSON-RPC call per segment). On the embedded network an account with no
   * funds yet is funded with development ETH; on a chain the operator funds it with {@code ./lpnode
   * cli fundDepositAndReserve}, and until then the gateway refuses to pay ({@code no sender deposit}).
   */
  private static SegmentPayments gatewayPayments(NodeConfig config, SigningKey key, NetworkRole networkRole) {
    Optional<Chain> chain = networkRole.senderChain();
    if (chain.isEmpty()) {
      return SegmentPayments.offchain();
    }
    SenderInfo funds = chain.get().broker().senderInfo(key.address());
    boolean unfunded = funds.deposit().signum() == 0 && funds.reserveFundsRemaining().signum() == 0;
    Optional<EmbeddedNetwork> embedded = networkRole.embedded();
    if (embedded.isPresent()) {
      if (unfunded) {
        funds = embedded.get().fundDepositAndReserve(key.address(), EMBEDDED_GATEWAY_FUNDS, EMBEDDED_GATEWAY_FUNDS);
        LOG.info("Funded gateway account {} on the embedded network: deposit {} wei, reserve {} wei", key.address(),
            funds.deposit(), funds.reserveFundsRemaining());
      }
    } else {
      if (unfunded) {
        LOG.warn("Gateway account {} has no deposit and reserve in the TicketBroker: it cannot pay orchestrators until it funds"
            + " them (./lpnode cli fundDepositAndReserve -deposit <wei> -reserve <wei>)", key.address());
      } else {
        LOG.info("Gateway account {}: {}", key.address(), describe(funds));
      }
      logFundChanges(networkRole, chain.get(), key, funds);
    }
    return GatewayRole.ticketPayments(config, new Sender(key, chain.get(), GatewayRole.senderConfig(config)));
  }

  /** On a chain, logs the gateway's deposit and reserve when a block changed them (funded, unlocking, paid out): from the cache, no RPC. */
  private static void logFundChanges(NetworkRole networkRole, Chain chain, SigningKey key, SenderInfo initial) {
    AtomicReference<SenderInfo> last = new AtomicReference<>(initial);
    networkRole.tickets().orElseThrow().newBlocks().onNewBlock(block -> {
      SenderInfo now = chain.broker().senderInfo(key.address());
      SenderInfo before = last.getAndSet(now);
      if (!now.equals(before)) {
        LOG.info("Gateway account {} at block {}: {}", key.address(), block, describe(now));
      }
    });
  }

  private static String describe(SenderInfo funds) {
    return "deposit " + funds.deposit() + " wei, reserve " + funds.reserveFundsRemaining() + " wei"
        + (funds.withdrawRound() != 0 ? ", unlocking (withdraw round " + funds.withdrawRound() + ")" : "");
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

  /**
   * go-livepeer's start-up transcoder test ({@code -testTranscoder}, and always for {@code -maxSessions
   * auto}): the streams this machine transcodes in real time with the node's ladder; empty if skipped.
   *
   * @throws ConfigException when the transcoder cannot transcode the sample (exit status 2)
   */
  static OptionalInt transcoderTest(NodeConfig config, TranscoderPool transcoder, EngineSettings engine) {
    if (!config.get(Flags.MAX_SESSIONS_FLAG).auto() && !config.get(Flags.TEST_TRANSCODER)) {
      return OptionalInt.empty();
    }
    List<VideoProfile> ladder = config.get(Flags.TRANSCODING_OPTIONS);
    StartupTranscode.Outcome test;
    try {
      test = StartupTranscode.run(transcoder, ladder, transcoder::workerCpuTime, Runtime.getRuntime().availableProcessors());
    } catch (RuntimeException e) {
      throw new ConfigException("the transcoder test failed: " + e.getMessage() + " (-testTranscoder=false skips it)");
    }
    int realTime = engine.nvidia()
        ? StartupTranscode.gpuSessions(engine.nvidiaDevices().size(), engine.nvencSessionCap(), ladder.size())
        : test.sessions();
    LOG.info("Transcoder test passed: {} CPU-s per s of 1080p30 video with this ladder; {} streams in real time",
        String.format("%.2f", test.cpuPerSecond()), realTime);
    return OptionalInt.of(realTime);
  }

  /** What {@code -maxSessions} admits: the measured real-time capacity for {@code auto}, else the fixed number. */
  static int admitted(NodeConfig config, OptionalInt realTime) {
    SessionLimit limit = config.get(Flags.MAX_SESSIONS_FLAG);
    if (limit.auto()) {
      LOG.info("-maxSessions auto: {}", realTime.getAsInt());
      return realTime.getAsInt();
    }
    if (realTime.isPresent() && limit.fixed() > realTime.getAsInt()) {
      LOG.warn("-maxSessions {} is more than the {} streams this machine transcodes in real time: under full load"
          + " streams will fall behind and lose segments (-maxSessions auto admits what fits)", limit.fixed(),
          realTime.getAsInt());
    }
    return limit.fixed();
  }

  static EngineSettings engineSettings(NodeConfig config) {
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
    return remoteTranscoder != null ? remoteTranscoder.cliPort() : cli.actualPort();
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
    if (remoteTranscoder != null) {
      remoteTranscoder.stop(timeout);
      return;
    }
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
      network.close();
      registry.close();
    }
    LOG.info("Stopped");
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
