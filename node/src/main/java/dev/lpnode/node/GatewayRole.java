package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.eth.ActivePool;
import dev.lpnode.gateway.GatewayOptions;
import dev.lpnode.gateway.GatewayServer;
import dev.lpnode.gateway.ListenAddress;
import dev.lpnode.gateway.evidence.EvidenceStore;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.discovery.OrchestratorWebhook;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.SelectionWeights;
import dev.lpnode.gateway.selection.StakeWeights;
import dev.lpnode.gateway.transcode.TranscodeSettings;
import dev.lpnode.gateway.transcode.TranscodingProcessor;
import dev.lpnode.ledger.Slashing;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.payments.ticket.Rational;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gateway role assembled from the node's flags: RTMP and HTTP push ingest, the transcoding
 * processor (discovery over {@code -orchAddr} or {@code -orchWebhookUrl}, selection, payments,
 * verification) and HLS playback. Without either flag, a combined node's gateway uses the node's
 * own orchestrator, and a gateway on a chain the active orchestrators there ({@link #chainPool}); on a
 * chain, selection weighs each orchestrator by its stake there ({@link #chainStakes}).
 */
public final class GatewayRole {
  /** go-livepeer's -maxSessions default, a gateway's streams with {@code auto}. */
  static final int DEFAULT_MAX_STREAMS = 10;

  private final GatewayServer server;
  private final TranscodingProcessor processor;

  private GatewayRole(GatewayServer server, TranscodingProcessor processor) {
    this.server = server;
    this.processor = processor;
  }

  /**
   * @param payments        how segments are paid (off chain: not at all)
   * @param stakes          the stake term of selection
   * @param fallback        where orchestrators come from without -orchAddr or -orchWebhookUrl, or null if from nowhere
   * @param ledger          the ledger {@code -slashOnFault} submits evidence to, or null if there is none
   */
  static Future<GatewayRole> start(Vertx vertx, NodeConfig config, SigningKey key, MeterRegistry registry,
      SegmentPayments payments, StakeWeights stakes, OrchestratorSource fallback, int maxStreams, Slashing ledger) {
    TranscodingProcessor processor = new TranscodingProcessor(vertx, key, source(vertx, config, fallback), payments,
        blocklist(config), config.get(Flags.DISCOVERY_TIMEOUT).toMillis(), settings(config, stakes),
        new GatewayMetrics(registry), evidence(config, key, ledger));
    HostPort rtmp = config.get(Flags.RTMP_ADDR);
    HostPort http = config.gatewayHttpAddr();
    GatewayOptions options = GatewayOptions.builder(processor)
        .rtmpAddr(new ListenAddress(rtmp.host(), rtmp.port()))
        .httpAddr(new ListenAddress(http.host(), http.port()))
        .ladder(config.get(Flags.TRANSCODING_OPTIONS))
        .maxStreams(maxStreams)
        .maxPushBufferedBytes(config.get(Flags.MAX_PUSH_MEMORY))
        .authWebhookUrl(config.get(Flags.AUTH_WEBHOOK_URL))
        .build();
    Future<GatewayServer> started;
    try {
      started = GatewayServer.start(vertx, options);
    } catch (IllegalArgumentException e) {
      processor.close();
      throw new ConfigException("invalid value for flag -authWebhookUrl: " + e.getMessage());
    }
    return started
        .map(server -> new GatewayRole(server, processor))
        .onFailure(e -> processor.close());
  }

  /** Evidence of provable faults kept in {@code <dataDir>/evidence}; with {@code -slashOnFault}, also submitted. */
  private static EvidenceStore evidence(NodeConfig config, SigningKey key, Slashing ledger) {
    Optional<EvidenceStore.Submitter> submitter = Optional.empty();
    if (config.get(Flags.SLASH_ON_FAULT)) {
      if (ledger == null) {
        throw new ConfigException("-slashOnFault needs a network with a ledger: run the gateway on -network embedded");
      }
      submitter = Optional.of(new EvidenceStore.Submitter(ledger, key.address()));
    }
    return new EvidenceStore(EvidenceStore.under(config.dataDir()), EvidenceStore.DEFAULT_MAX_FILES, submitter);
  }

  /** Tickets from the node's key on {@code sender}'s chain, capped by {@code -maxPricePerUnit}. */
  static SegmentPayments ticketPayments(NodeConfig config, Sender sender) {
    BigInteger maxPrice = config.get(Flags.MAX_PRICE_PER_UNIT);
    Rational cap = maxPrice.signum() > 0 ? Rational.of(maxPrice).divide(Rational.of(config.get(Flags.PIXELS_PER_UNIT))) : null;
    return SegmentPayments.withTickets(sender, cap);
  }

  /** {@code -maxTicketEV}, {@code -maxTotalEV}, {@code -depositMultiplier}. */
  static SenderConfig senderConfig(NodeConfig config) {
    return new SenderConfig(config.get(Flags.MAX_TICKET_EV), config.get(Flags.MAX_TOTAL_EV),
        config.get(Flags.DEPOSIT_MULTIPLIER));
  }

  /** Whether the flags name no orchestrators: neither {@code -orchAddr} nor {@code -orchWebhookUrl}. */
  static boolean namesNoOrchestrators(NodeConfig config) {
    String webhook = config.get(Flags.ORCH_WEBHOOK_URL);
    return config.get(Flags.ORCH_ADDR).isEmpty() && (webhook == null || webhook.isBlank());
  }

  /** The active orchestrators on the chain and their service URIs, as last read: no RPC. */
  static OrchestratorSource chainPool(ActivePool pool) {
    return () -> Future.succeededFuture(pool.orchestrators().stream()
        .map(o -> OrchestratorSource.serviceUri(o.serviceUri())).distinct().toList());
  }

  /** Each orchestrator's stake on the chain as the stake term of selection; 0 outside the active pool. */
  static StakeWeights chainStakes(ActivePool pool) {
    return orchestrator -> orchestrator == null ? 0 : pool.stake(orchestrator).doubleValue();
  }

  private static OrchestratorSource source(Vertx vertx, NodeConfig config, OrchestratorSource fallback) {
    String webhook = config.get(Flags.ORCH_WEBHOOK_URL);
    if (webhook != null && !webhook.isBlank()) {
      try {
        return new OrchestratorWebhook(vertx, webhook, System::nanoTime);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid value for flag -orchWebhookUrl: " + e.getMessage());
      }
    }
    List<String> addresses = config.get(Flags.ORCH_ADDR);
    if (!addresses.isEmpty()) {
      return OrchestratorSource.of(addresses);
    }
    if (fallback != null) {
      return fallback;
    }
    throw new ConfigException("a gateway needs orchestrators: set -orchAddr or -orchWebhookUrl");
  }

  private static Set<EthAddress> blocklist(NodeConfig config) {
    Set<EthAddress> blocked = new HashSet<>();
    for (String address : config.get(Flags.ORCH_BLOCKLIST)) {
      try {
        blocked.add(EthAddress.fromHex(address));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid value for flag -orchBlocklist: " + address + " is not an address");
      }
    }
    return blocked;
  }

  private static TranscodeSettings settings(NodeConfig config, StakeWeights stakes) {
    SelectionWeights weights;
    try {
      weights = new SelectionWeights(config.get(Flags.SELECT_STAKE_WEIGHT), config.get(Flags.SELECT_PRICE_WEIGHT),
          config.get(Flags.SELECT_RAND_FREQ));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    String minVersion = config.get(Flags.ORCH_MIN_LIVEPEER_VERSION);
    return new TranscodeSettings(config.get(Flags.MAX_ATTEMPTS), config.get(Flags.LOCAL_VERIFY), weights, stakes,
        minVersion == null ? "" : minVersion);
  }

  public GatewayServer server() {
    return server;
  }

  public TranscodingProcessor processor() {
    return processor;
  }

  /** Closes ingest and playback, then ends the streams' orchestrator sessions. Blocks: not on an event loop. */
  void stop() throws Exception {
    try {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      processor.close();
    }
  }
}
