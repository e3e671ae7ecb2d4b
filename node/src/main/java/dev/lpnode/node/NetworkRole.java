package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.eth.ActivePool;
import dev.lpnode.eth.ChainSetupException;
import dev.lpnode.eth.EthNetwork;
import dev.lpnode.eth.EthSettings;
import dev.lpnode.eth.Staking;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.gateway.evidence.RenditionFaultVerifier;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.embedded.EmbeddedNetworkConfig;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * The network the node runs on, chosen from {@code -network} here and nowhere else: {@code
 * embedded} (the default: the in-process ledger in {@code -dataDir}), {@code offchain} (no
 * payments), or a chain ({@code arbitrum-one-mainnet}, or any other name with {@code -ethUrl} and
 * {@code -ethController}), joined through the {@code eth} module. A chain that cannot be used
 * stops the node (status 2) before any port opens.
 */
final class NetworkRole implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkRole.class);

  /** What an orchestrator's tickets need from a network, whichever it is. */
  /** @param redemptionFailed counts a winning ticket the redemption queue gave up on */
  record Tickets(Chain chain, SenderMonitor senders, WinningTicketStore winners, long redeemGas, NewBlocks newBlocks,
      Runnable redemptionFailed) {
  }

  /** Where the recipient and the redemption queue hear of new L1 blocks. */
  interface NewBlocks {
    void onNewBlock(LongConsumer listener);
  }

  private final EmbeddedNetwork embedded;
  private final EthNetwork chain;

  private NetworkRole(EmbeddedNetwork embedded, EthNetwork chain) {
    this.embedded = embedded;
    this.chain = chain;
  }

  static NetworkRole open(NodeConfig config, Credentials account, MeterRegistry registry, Clock clock) {
    EthAddress address = EthAddress.fromHex(account.getAddress());
    if (config.offchain()) {
      return new NetworkRole(null, null);
    }
    if (!config.onChain()) {
      EmbeddedNetwork network = EmbeddedNetwork.open(config.dataDir(), EmbeddedNetworkConfig.settings(config, address), clock,
          new LedgerMetrics(registry), new RenditionFaultVerifier());
      network.start();
      LOG.info("Embedded network in {}: round {}", config.dataDir(), network.ledger().round().round());
      return new NetworkRole(network, null);
    }
    try {
      return new NetworkRole(null, EthNetwork.connect(ethSettings(config), account, config.dataDir(), registry, clock));
    } catch (ChainSetupException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** {@code -network} and the chain flags as the eth module takes them. */
  static EthSettings ethSettings(NodeConfig config) {
    String network = config.get(Flags.NETWORK_NAME);
    String url = config.get(Flags.ETH_URL);
    if (url == null || url.isBlank()) {
      throw new ConfigException("-ethUrl is required on network " + network);
    }
    Optional<EthSettings.KnownNetwork> known = EthSettings.known(network);
    String controller = config.get(Flags.ETH_CONTROLLER);
    if (controller == null && known.isEmpty()) {
      throw new ConfigException("-ethController is required on network " + network + " (known networks: "
          + EthSettings.ARBITRUM_ONE.name() + ")");
    }
    Transactions.Settings transactions = new Transactions.Settings(config.get(Flags.MAX_GAS_PRICE),
        config.get(Flags.TRANSACTION_TIMEOUT), config.get(Flags.MAX_TRANSACTION_REPLACEMENTS),
        min(config.get(Flags.BLOCK_POLLING_INTERVAL), Duration.ofSeconds(1)));
    return new EthSettings(network, url, known.map(EthSettings.KnownNetwork::chainId).orElse(0L),
        controller != null ? EthAddress.fromHex(controller) : known.get().controller(),
        known.map(EthSettings.KnownNetwork::redeemGas).orElse(EthSettings.REDEEM_GAS_OTHER),
        config.get(Flags.BLOCK_POLLING_INTERVAL), config.get(Flags.MIN_GAS_PRICE), transactions,
        config.get(Flags.INITIALIZE_ROUND), config.get(Flags.REWARD));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The embedded network, if the node runs on it. */
  Optional<EmbeddedNetwork> embedded() {
    return Optional.ofNullable(embedded);
  }

  /** The chain a gateway's tickets are made on and its own funds read from (the embedded network's or a chain's); empty off chain. */
  Optional<Chain> senderChain() {
    if (embedded != null) {
      return Optional.of(embedded.chain());
    }
    return Optional.ofNullable(chain).map(EthNetwork::chain);
  }

  /** On a chain, the active orchestrators and their stake, followed from now on (a gateway's discovery and selection); empty elsewhere. */
  Optional<ActivePool> followActivePool() {
    return Optional.ofNullable(chain).map(EthNetwork::followActivePool);
  }

  /** The node's own staking transactions, if it runs on a chain. */
  Optional<Staking> staking() {
    return Optional.ofNullable(chain).map(EthNetwork::staking);
  }

  /** What tickets need, on the embedded network or a chain; empty off chain. */
  Optional<Tickets> tickets() {
    if (embedded != null) {
      return Optional.of(new Tickets(embedded.chain(), embedded.senderMonitor(), embedded.winningTickets(),
          RecipientConfig.REDEEM_GAS_ARBITRUM, embedded::onNewBlock, embedded::redemptionFailed));
    }
    if (chain != null) {
      return Optional.of(new Tickets(chain.chain(), chain.senderMonitor(), chain.winningTickets(), chain.redeemGas(), chain::onNewBlock,
          chain::redemptionFailed));
    }
    return Optional.empty();
  }

  /** Starts following the chain, once the listeners are in place; the embedded network runs from {@link #open}. */
  void start() {
    if (chain != null) {
      chain.start();
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
    if (chain != null) {
      chain.close();
    }
  }
}
