package dev.lpnode.orchestrator.testing;

import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.orchestrator.pay.TicketPayments;
import dev.lpnode.orchestrator.remote.TranscoderFleet;
import dev.lpnode.orchestrator.segment.SegmentLimits;
import dev.lpnode.orchestrator.StakeUnlocks;
import dev.lpnode.orchestrator.badge.BadgeSource;
import dev.lpnode.orchestrator.segment.LadderLimit;
import dev.lpnode.orchestrator.session.AdmissionPriority;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.ManualChain;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.Pricing;
import dev.lpnode.payments.recipient.PricingConfig;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real orchestrator on a free loopback port: embedded TicketBroker and winning-ticket store in a
 * temporary directory, the in-process FFmpeg transcoder, the gateway funded with 1 ETH of deposit
 * and reserve, and a payments {@link Sender} for the gateway's side.
 */
public final class OrchestratorHarness implements AutoCloseable {
  /** Anvil's well-known dev keys: fine for tests, never for money. */
  public static final SigningKey NODE_KEY = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  public static final SigningKey GATEWAY_KEY = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  /** A second gateway, with no funds and no stake. */
  public static final SigningKey UNSTAKED_GATEWAY_KEY =
      SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  public static final BigInteger ETH = BigInteger.TEN.pow(18);
  public static final long PRICE_PER_PIXEL = 100;

  public final MutableClock clock = new MutableClock();
  public final ManualChain chain = new ManualChain();
  public final EmbeddedTicketBroker broker;
  public final WinningTicketStore tickets;
  public final Balances balances = new Balances(clock);
  public final Recipient recipient;
  public final CountingTranscoder transcoder = new CountingTranscoder(new InProcessTranscoder(EngineSettings.software(), 2));
  public final List<SegmentRecord> work = new CopyOnWriteArrayList<>();
  public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final Vertx vertx = Vertx.vertx();
  public final Sender sender;
  public final OrchestratorNode node;
  public final String serviceUri;
  /** Set to make the verified-work log fail as a full or broken disk would. */
  public volatile boolean workLogFails;
  private volatile boolean killed;

  public OrchestratorHarness(Path dir, int maxSessions) {
    this(dir, maxSessions, NODE_KEY);
  }

  /** An orchestrator with its own key, so that several can run side by side as distinct recipients. */
  public OrchestratorHarness(Path dir, int maxSessions, SigningKey nodeKey) {
    this(dir, maxSessions, nodeKey, SegmentLimits.DEFAULT, null);
  }

  public OrchestratorHarness(Path dir, int maxSessions, SegmentLimits limits) {
    this(dir, maxSessions, NODE_KEY, limits, null);
  }

  /**
   * An orchestrator that accepts remote transcoders presenting {@code orchSecret} and transcodes
   * only on them ({@link #transcoder} then just recounts their results).
   */
  public OrchestratorHarness(Path dir, int maxSessions, String orchSecret) {
    this(dir, maxSessions, NODE_KEY, SegmentLimits.DEFAULT, orchSecret);
  }

  /** An orchestrator whose {@code priority} says which gateways may start the sessions it reserves. */
  public OrchestratorHarness(Path dir, int maxSessions, AdmissionPriority priority) {
    this(dir, maxSessions, new StakeUnlocks(priority, LadderLimit.NONE, BadgeSource.NONE));
  }

  /** An orchestrator with what stake unlocks at it (priority admission, ladder limits, a badge). */
  public OrchestratorHarness(Path dir, int maxSessions, StakeUnlocks unlocks) {
    this(dir, maxSessions, NODE_KEY, SegmentLimits.DEFAULT, null, unlocks);
  }

  private OrchestratorHarness(Path dir, int maxSessions, SigningKey nodeKey, SegmentLimits limits, String orchSecret) {
    this(dir, maxSessions, nodeKey, limits, orchSecret, StakeUnlocks.NONE);
  }

  private OrchestratorHarness(Path dir, int maxSessions, SigningKey nodeKey, SegmentLimits limits, String orchSecret,
      StakeUnlocks unlocks) {
    chain.setL1Block(20_000_000);
    chain.initializeRound(100, Bytes32.of(Keccak.keccak256("round 100".getBytes(StandardCharsets.US_ASCII))));
    chain.activate(nodeKey.address());
    chain.setGasPrice(BigInteger.valueOf(10_000_000));
    broker = EmbeddedTicketBroker.open(dir.resolve("broker.db"), chain, chain, EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
    broker.fundDepositAndReserveFor(GATEWAY_KEY.address(), GATEWAY_KEY.address(), ETH, ETH);
    Chain view = new Chain(chain, chain, chain, chain, broker);
    tickets = WinningTicketStore.open(dir.resolve("tickets.db"), clock);
    recipient = Recipient.withRandomSecret(RecipientConfig.arbitrumDefaults(nodeKey.address()), view,
        new SenderMonitor(nodeKey.address(), view), balances, tickets);
    Pricing pricing = new Pricing(new PricingConfig(PricingConfig.pricePerPixel(PRICE_PER_PIXEL, 1), Map.of(), false),
        recipient, balances);
    sender = new Sender(GATEWAY_KEY, view, new SenderConfig(SenderConfig.DEFAULT_MAX_TICKET_EV,
        SenderConfig.DEFAULT_MAX_TOTAL_EV, SenderConfig.DEFAULT_DEPOSIT_MULTIPLIER));
    int port = freePort();
    serviceUri = "https://127.0.0.1:" + port;
    node = new OrchestratorNode(vertx,
        new OrchestratorNode.Settings(serviceUri, "127.0.0.1", port, dir, maxSessions, true, limits, orchSecret),
        nodeKey, orchSecret == null ? transcoder : new TranscoderFleet(null, 0, transcoder),
        new TicketPayments(recipient, pricing, balances, BigInteger.valueOf(PRICE_PER_PIXEL), 1),
        this::record, registry, clock, unlocks);
    await(node.start().toCompletionStage().toCompletableFuture());
  }

  private void record(SegmentRecord segment) {
    if (workLogFails) {
      throw new IllegalStateException("disk I/O error");
    }
    work.add(segment);
  }

  public int port() {
    return node.port();
  }

  /** Dies as a crashed orchestrator would: connections drop, nothing drains. */
  public void kill() {
    killed = true;
    await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  @Override
  public void close() {
    if (!killed) {
      await(node.stop(Duration.ofSeconds(5)).toCompletionStage().toCompletableFuture());
      await(vertx.close().toCompletionStage().toCompletableFuture());
    } else {
      transcoder.close();
    }
    tickets.close();
    broker.close();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public List<SegmentRecord> work() {
    return Collections.unmodifiableList(work);
  }
}
