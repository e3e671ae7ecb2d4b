package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.TranscoderInfo;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.ledger.rules.StateLedger;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded network a node runs in its data directory: the ledger (rounds, stake, issuance,
 * verified work, governance), payments' TicketBroker and the store of this node's winning tickets,
 * each a SQLite file, so everything committed survives SIGKILL. It offers payments their {@link
 * Chain} (blocks, rounds, the transcoder pool, a fixed gas price and the broker, whose payouts
 * become ledger fees exactly once: see {@link FeeCreditingBroker}), and once {@link #start()}ed a
 * keeper thread that, on every new block, initializes the round if no one has, calls {@code
 * reward()} once per round for the node's own account (with {@link Settings#reward()}), updates
 * the metrics and tells the {@link #onNewBlock} listeners (the redemption queue, the recipient).
 *
 * <p>When the network is created, the node's account gets its {@link Genesis} allocation in
 * round 0, so an orchestrator is active from round 1, which starts at creation.
 *
 * <p>Every call may block on disk: never call it from an event loop.
 */
public final class EmbeddedNetwork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNetwork.class);
  private static final BigInteger ETH = BigInteger.TEN.pow(18);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  /**
   * What the node's own account gets when the network is created: {@code stake} LPT (wei) bonded
   * to itself and registered as a transcoder with {@code rewardCut} and {@code feeShare} (ppm) if
   * it is above zero, and {@code eth} (wei) of ETH.
   */
  public record Genesis(BigInteger stake, BigInteger eth, long rewardCut, long feeShare) {
    /** Development ETH every account starts with. */
    public static final BigInteger DEVELOPMENT_ETH = ETH.multiply(BigInteger.valueOf(1000));

    public Genesis {
      if (stake.signum() < 0 || eth.signum() < 0) {
        throw new IllegalArgumentException("genesis amounts must not be negative");
      }
    }

    /** An orchestrator: stake bonded to itself and registered. */
    public static Genesis orchestrator(BigInteger stake, long rewardCut, long feeShare) {
      return new Genesis(stake, DEVELOPMENT_ETH, rewardCut, feeShare);
    }

    /** An account that only pays (a gateway): ETH, no stake. */
    public static Genesis gateway() {
      return new Genesis(BigInteger.ZERO, DEVELOPMENT_ETH, 0, 0);
    }
  }

  /**
   * How to run the network.
   *
   * @param parameters the network's parameters, used when it is created (stored afterwards)
   * @param account    the node's own account: the one the operator API acts for and rewards go to
   * @param genesis    the account's allocation when the network is created
   * @param reward     whether to call {@code reward()} for {@code account} once per round
   * @param gasPrice   the gas price payments see, in wei
   * @param broker     the TicketBroker's parameters
   */
  public record Settings(NetworkParameters parameters, EthAddress account, Genesis genesis, boolean reward, BigInteger gasPrice,
      EmbeddedTicketBroker.Parameters broker) {
    public Settings {
      Objects.requireNonNull(parameters, "parameters");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(genesis, "genesis");
      Objects.requireNonNull(broker, "broker");
      if (gasPrice.signum() < 0) {
        throw new IllegalArgumentException("gas price must not be negative");
      }
    }
  }

  private final Settings settings;
  private final EmbeddedLedger ledger;
  private final EmbeddedTicketBroker broker;
  private final WinningTicketStore winningTickets;
  private final FeeCreditingBroker feeBroker;
  private final Chain chain;
  private final SenderMonitor senderMonitor;
  private final LedgerMetrics metrics;
  private final List<LongConsumer> blockListeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService keeper;
  private long lastBlock = Long.MIN_VALUE;
  private long lastRound = -1;
  private long rewardedRound;

  private EmbeddedNetwork(Settings settings, EmbeddedLedger ledger, EmbeddedTicketBroker broker, WinningTicketStore winningTickets,
      LedgerChain ledgerChain, LedgerMetrics metrics) {
    this.settings = settings;
    this.ledger = ledger;
    this.broker = broker;
    this.winningTickets = winningTickets;
    this.metrics = metrics;
    this.feeBroker = new FeeCreditingBroker(broker, ledger, metrics);
    this.chain = new Chain(ledgerChain, ledgerChain, ledgerChain, ledgerChain, feeBroker);
    this.senderMonitor = new SenderMonitor(settings.account(), chain);
  }

  /**
   * Opens the network in {@code dataDir} ({@code ledger.sqlite3}, {@code ticketbroker.sqlite3},
   * {@code winningtickets.sqlite3}), creating it if there is none, initializes the current round
   * and credits any ticket fees a crash left uncredited. Call {@link #start()} to run the keeper.
   * Nothing can be slashed on it: see the overload with a {@link FaultVerifier}.
   */
  public static EmbeddedNetwork open(Path dataDir, Settings settings, Clock clock, LedgerMetrics metrics) {
    return open(dataDir, settings, clock, metrics, FaultVerifier.NONE);
  }

  /** Like {@link #open(Path, Settings, Clock, LedgerMetrics)}, slashing what {@code faults} proves (once governance sets slashAmount). */
  public static EmbeddedNetwork open(Path dataDir, Settings settings, Clock clock, LedgerMetrics metrics, FaultVerifier faults) {
    EmbeddedLedger ledger = EmbeddedLedger.open(dataDir.resolve("ledger.sqlite3"), settings.parameters(), clock, faults,
        genesis -> allocate(genesis, settings.account(), settings.genesis()));
    EmbeddedTicketBroker broker = null;
    try {
      LedgerChain ledgerChain = new LedgerChain(ledger, settings.gasPrice());
      broker = EmbeddedTicketBroker.open(dataDir.resolve("ticketbroker.sqlite3"), ledgerChain, ledgerChain, settings.broker());
      WinningTicketStore tickets = WinningTicketStore.open(dataDir.resolve("winningtickets.sqlite3"), clock);
      EmbeddedNetwork network = new EmbeddedNetwork(settings, ledger, broker, tickets, ledgerChain, metrics);
      ledger.initializeRoundIfNeeded();
      network.feeBroker.creditFeesSince(0);
      return network;
    } catch (RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      ledger.close();
      throw e;
    }
  }

  private static void allocate(StateLedger genesis, EthAddress account, Genesis allocation) {
    genesis.mintEth(account, allocation.eth());
    if (allocation.stake().signum() > 0) {
      genesis.mintLpt(account, allocation.stake());
      genesis.bond(account, allocation.stake(), account);
      genesis.registerTranscoder(account, allocation.rewardCut(), allocation.feeShare());
    }
  }

  /** The chain payments read and redeem on: blocks, rounds, transcoder pool, gas price and the broker. */
  public Chain chain() {
    return chain;
  }

  /** The ledger: staking, verified work ({@code recordSegment}), routing weights, governance. */
  public EmbeddedLedger ledger() {
    return ledger;
  }

  /** The TicketBroker itself, for the senders' side ({@code unlock}, {@code withdraw}, …). */
  public EmbeddedTicketBroker ticketBroker() {
    return broker;
  }

  /** Where the recipient stores this node's winning tickets until they are redeemed. */
  public WinningTicketStore winningTickets() {
    return winningTickets;
  }

  /** The monitor of senders' funds for the node's account: the recipient and the redemption queue must share it. */
  public SenderMonitor senderMonitor() {
    return senderMonitor;
  }

  /** The node's own account. */
  public EthAddress account() {
    return settings.account();
  }

  /**
   * The TicketBroker's {@code fundDepositAndReserveFor}, paid by the node's account for {@code
   * sender}: how a gateway gets funds on this embedded network. The ETH is created for it (a
   * development faucet: no ledger balance is debited). Funding its own account cancels an unlock
   * in progress, as in the contract.
   */
  public SenderInfo fundDepositAndReserve(EthAddress sender, BigInteger deposit, BigInteger reserve) {
    broker.fundDepositAndReserveFor(settings.account(), sender, deposit, reserve);
    return broker.senderInfo(sender);
  }

  /** Calls {@code listener} with each new block number, on the keeper thread, once {@link #start()}ed. */
  public void onNewBlock(LongConsumer listener) {
    blockListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts the keeper: it checks for a new block every block time (at most every second). */
  public synchronized void start() {
    if (keeper != null) {
      throw new IllegalStateException("the embedded network is already started");
    }
    keeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "embedded-network");
      t.setDaemon(true);
      return t;
    });
    long pollMillis = Math.min(ledger.parameters().blockTime().toMillis(), MAX_POLL.toMillis());
    keeper.scheduleWithFixedDelay(this::onTick, 0, pollMillis, TimeUnit.MILLISECONDS);
  }

  private void onTick() {
    try {
      long block = ledger.blocks().blockNumber();
      if (block != lastBlock) {
        lastBlock = block;
        onBlock(block);
      }
    } catch (RuntimeException e) {
      LOG.warn("embedded network keeper: {}", e.toString());
    }
  }

  /** Counts a winning ticket the redemption queue gave up on ({@code livepeer_ticket_redemption_errors}). */
  public void redemptionFailed() {
    metrics.redemptionFailed();
  }

  /** One new block: the round, the reward, the metrics, then the listeners. */
  void onBlock(long block) {
    ledger.initializeRoundIfNeeded();
    RoundInfo round = ledger.round();
    if (round.round() != lastRound) {
      lastRound = round.round();
      feeBroker.creditFeesSince(0);
    }
    if (settings.reward() && rewardedRound < round.round()) {
      reward(round.round());
    }
    metrics.update(snapshot(round.round()));
    for (LongConsumer listener : blockListeners) {
      try {
        listener.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("new block {} listener failed: {}", block, e.toString());
      }
    }
  }

  private void reward(long round) {
    TranscoderInfo self = ledger.transcoder(settings.account());
    if (!self.active()) {
      return;
    }
    if (self.lastRewardRound() >= round) {
      rewardedRound = round;
      return;
    }
    try {
      RewardResult result = ledger.reward(settings.account());
      rewardedRound = round;
      metrics.rewardCalled(result);
      LOG.info("Called reward for round {}: minted {} LPT wei ({} to the treasury)", round, result.minted(), result.treasury());
    } catch (RuntimeException e) {
      metrics.rewardFailed();
      LOG.warn("reward() for round {} failed, retrying next block: {}", round, e.getMessage());
    }
  }

  private LedgerMetrics.Snapshot snapshot(long round) {
    TranscoderInfo self = ledger.transcoder(settings.account());
    Map<EthAddress, SenderInfo> gateways = new LinkedHashMap<>();
    for (EthAddress sender : broker.senders()) {
      gateways.put(sender, broker.senderInfo(sender));
    }
    return new LedgerMetrics.Snapshot(round, ledger.issuance().totalActiveStake(), self.totalStake(), self.active(), gateways);
  }

  /** Stops the keeper (letting a block in progress finish) and closes the databases. */
  @Override
  public synchronized void close() {
    if (keeper != null) {
      keeper.shutdown();
      try {
        if (!keeper.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("embedded network keeper did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    winningTickets.close();
    broker.close();
    ledger.close();
  }
}
