package dev.lpnode.eth;

import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.eth.rpc.CountingHttpService;
import dev.lpnode.eth.rpc.CountingHttpService.Caller;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.eth.watch.BlockWatcher;
import dev.lpnode.eth.watch.ProtocolState;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The node on a Livepeer chain over JSON-RPC ({@code -ethUrl}). {@link #connect} checks the chain
 * (chain id, Controller, contracts: {@link ProtocolContracts}) and reads the protocol state once;
 * once {@link #start}ed, a watcher thread polls for blocks every {@code -blockPollingInterval}
 * ({@link BlockWatcher}) and, for each new head, a second thread runs the round duties ({@link
 * RoundKeeper}) and then the {@link #onNewBlock} listeners (the redemption queue), which may wait
 * for transactions without holding up the watcher. Payments get their {@link Chain} over the
 * cached state, so a paid segment makes no JSON-RPC call.
 */
public final class EthNetwork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EthNetwork.class);
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

  private final EthSettings settings;
  private final CountingHttpService rpc;
  private final Web3j web3j;
  private final ProtocolState state;
  private final BlockWatcher watcher;
  private final RoundKeeper keeper;
  private final Chain chain;
  private final SenderMonitor senderMonitor;
  private final WinningTicketStore winningTickets;
  private final EthMetrics metrics;
  private final Staking staking;
  private final ActivePool activePool;
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean listenersDue = new AtomicBoolean();
  private ScheduledExecutorService watcherThread;
  private ExecutorService eventsThread;
  private PollBackoff backoff;
  private boolean lost;
  /** When the endpoint stopped answering the watcher (System.nanoTime), while {@link #lost}. */
  private long lostSince;

  private EthNetwork(EthSettings settings, CountingHttpService rpc, Web3j web3j, ProtocolState state, BlockWatcher watcher,
      RoundKeeper keeper, Chain chain, WinningTicketStore winningTickets, EthMetrics metrics, Staking staking, ActivePool activePool) {
    this.settings = settings;
    this.rpc = rpc;
    this.web3j = web3j;
    this.state = state;
    this.watcher = watcher;
    this.keeper = keeper;
    this.chain = chain;
    this.senderMonitor = new SenderMonitor(state.account(), chain);
    this.winningTickets = winningTickets;
    this.metrics = metrics;
    this.staking = staking;
    this.activePool = activePool;
  }

  /**
   * Connects to {@code -ethUrl} as {@code credentials}' account and reads the protocol's state.
   *
   * @throws ChainSetupException when the chain cannot be used as configured; nothing is left open
   */
  public static EthNetwork connect(EthSettings settings, Credentials credentials, Path dataDir, MeterRegistry registry, Clock clock) {
    CountingHttpService rpc = new CountingHttpService(settings.ethUrl(), RPC_TIMEOUT);
    Web3j web3j = Web3j.build(rpc);
    try {
      EthAddress account = EthAddress.fromHex(credentials.getAddress());
      ChainReader reader = new ChainReader(web3j, rpc);
      ProtocolContracts contracts = ProtocolContracts.resolve(reader, settings.ethUrl(), settings.chainId(), settings.controller(),
          account);
      ProtocolState state = new ProtocolState(reader, contracts, account);
      BlockWatcher watcher = new BlockWatcher(reader, state, contracts.watchedAddresses());
      try {
        watcher.start();
      } catch (ChainUnavailableException e) {
        throw new ChainSetupException("cannot read the protocol's state through -ethUrl " + settings.ethUrl() + ": " + e.getMessage());
      }
      EthChain ports = new EthChain(state, settings.minGasPrice());
      EthMetrics metrics = new EthMetrics(registry, state, ports::gasPrice, rpc);
      Transactions transactions = new Transactions(reader, credentials, contracts.chainId(), settings.transactions());
      EthTicketBroker broker = new EthTicketBroker(state, contracts.ticketBroker(), transactions, metrics);
      RoundKeeper keeper = new RoundKeeper(state, contracts, transactions, metrics, settings.initializeRound(), settings.reward());
      WinningTicketStore store = WinningTicketStore.open(dataDir.resolve("winningtickets.sqlite3"), clock);
      LOG.info("On {} (chain id {}) through {}: Controller {}, round {} (last initialized {}), head {}", settings.network(),
          contracts.chainId(), settings.ethUrl(), settings.controller(), state.currentRound(), state.lastInitializedRound(),
          state.head());
      return new EthNetwork(settings, rpc, web3j, state, watcher, keeper, new Chain(ports, ports, ports, ports, broker), store,
          metrics, new Staking(reader, contracts, transactions), new ActivePool(contracts, state));
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
  }

  /** The chain payments read and redeem on. */
  public Chain chain() {
    return chain;
  }

  /** The monitor of senders' funds for the node's account: the recipient and the redemption queue must share it. */
  public SenderMonitor senderMonitor() {
    return senderMonitor;
  }

  /** Counts a winning ticket the redemption queue gave up on ({@code livepeer_ticket_redemption_errors}). */
  public void redemptionFailed() {
    metrics.redemptionFailed();
  }

  /** Where the recipient stores this node's winning tickets until they are redeemed. */
  public WinningTicketStore winningTickets() {
    return winningTickets;
  }

  /** The gas a redemption is costed at on this network. */
  public long redeemGas() {
    return settings.redeemGas();
  }

  /** The JSON-RPC calls made so far by {@code caller}. */
  public long rpcCalls(Caller caller) {
    return rpc.calls(caller);
  }

  /** The node's own stake, as transactions from its account (the operator API's staking commands). */
  public Staking staking() {
    return staking;
  }

  /**
   * The active orchestrators and their stake, for a gateway's discovery and selection: read now,
   * then again each time a round begins (on the events thread).
   */
  public ActivePool followActivePool() {
    activePool.refreshIfNewRound();
    onNewBlock(block -> activePool.refreshIfNewRound());
    return activePool;
  }

  /** The cached protocol state. */
  public ProtocolState state() {
    return state;
  }

  /** Calls {@code listener} with the latest L1 block after each new head, on the network's events thread. */
  public void onNewBlock(LongConsumer listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts following the chain. */
  public synchronized void start() {
    if (watcherThread != null) {
      throw new IllegalStateException("already started");
    }
    eventsThread = Executors.newSingleThreadExecutor(thread("eth-chain-events", Caller.TRANSACTIONS));
    watcherThread = Executors.newSingleThreadScheduledExecutor(thread("eth-block-watcher", Caller.WATCHER));
    backoff = new PollBackoff(settings.blockPollingInterval(), () -> ThreadLocalRandom.current().nextDouble());
    watcherThread.execute(this::poll);
  }

  /**
   * One poll, then the next one scheduled: after the polling interval, or backing off while the
   * endpoint fails. An outage is logged once when it begins and once when it ends; meanwhile the
   * cached state keeps serving (tickets are checked against it, as go-livepeer does) and the
   * first poll that succeeds catches up on every block missed.
   */
  private void poll() {
    Duration next;
    try {
      long tipBefore = watcher.tip().number();
      BlockWatcher.Change change = watcher.poll();
      int failed = backoff.succeeded();
      if (lost) {
        LOG.info("-ethUrl {} is back after {} s ({} polls failed): caught up from block #{} to #{}", settings.ethUrl(),
            (System.nanoTime() - lostSince) / 1_000_000_000, failed, tipBefore, watcher.tip().number());
        lost = false;
      }
      if (change != BlockWatcher.Change.NONE && listenersDue.compareAndSet(false, true)) {
        eventsThread.execute(this::runListeners);
      }
      next = backoff.interval();
    } catch (ChainUnavailableException e) {
      next = backoff.failed();
      if (!lost) {
        lost = true;
        lostSince = System.nanoTime();
        LOG.warn("-ethUrl {} lost: {}; serving from the chain state cached at block #{}, retrying with a backoff of up to {} s",
            settings.ethUrl(), e.getMessage(), watcher.tip().number(), PollBackoff.MAX.toSeconds());
      }
    } catch (RuntimeException e) {
      LOG.error("block watcher failed on a block; retrying", e);
      next = backoff.failed();
    }
    try {
      watcherThread.schedule(this::poll, next.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Round duties, then the listeners, for the latest block (blocks that arrived meanwhile are coalesced). */
  private void runListeners() {
    listenersDue.set(false);
    long block = state.head().l1Number();
    try {
      keeper.onNewBlock();
    } catch (RuntimeException e) {
      LOG.warn("round duties at block {}: {}", block, e.toString());
    }
    for (LongConsumer listener : listeners) {
      try {
        listener.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("new block {} listener failed: {}", block, e.toString());
      }
    }
  }

  private static ThreadFactory thread(String name, Caller caller) {
    return r -> {
      Thread t = new Thread(() -> {
        CountingHttpService.callsFromThisThreadAre(caller);
        r.run();
      }, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops the threads (letting a redemption in progress finish), then closes the store and the RPC client. */
  @Override
  public synchronized void close() {
    if (watcherThread != null) {
      watcherThread.shutdownNow();
      eventsThread.shutdown();
      try {
        if (!eventsThread.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("chain events thread did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    winningTickets.close();
    web3j.shutdown();
  }
}
