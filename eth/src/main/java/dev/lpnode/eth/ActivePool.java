package dev.lpnode.eth;

import dev.lpnode.eth.contracts.BondingManager;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.eth.watch.ProtocolState;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrators a gateway discovers on the chain, as go-livepeer's on-chain gateway does: the
 * BondingManager's transcoder pool walked from {@code getFirstTranscoderInPool} with {@code
 * getNextTranscoderInPool}, those active in the current round, each with its ServiceRegistry
 * service URI and its total stake (the stake term of selection). The walk is JSON-RPC calls (three
 * or four per orchestrator), so it is read at start and again when a round begins, on the chain's
 * events thread; discovery and selection read the snapshot.
 */
public final class ActivePool {
  private static final Logger LOG = LoggerFactory.getLogger(ActivePool.class);
  private static final String NONE = "0x0000000000000000000000000000000000000000";

  /** An active orchestrator, with the URI it serves gateways at. */
  public record Orchestrator(EthAddress address, String serviceUri, BigInteger stake) {}

  private final ProtocolContracts contracts;
  private final ProtocolState state;
  private volatile List<Orchestrator> snapshot = List.of();
  private volatile Map<EthAddress, BigInteger> stakes = Map.of();
  private long readInRound = -1;

  ActivePool(ProtocolContracts contracts, ProtocolState state) {
    this.contracts = contracts;
    this.state = state;
  }

  /** The active orchestrators with a service URI, largest stake first, as last read. */
  public List<Orchestrator> orchestrators() {
    return snapshot;
  }

  /** An orchestrator's stake as last read; zero if it is not in the active pool. */
  public BigInteger stake(EthAddress orchestrator) {
    return stakes.getOrDefault(orchestrator, BigInteger.ZERO);
  }

  /** Walks the pool again if a round began since the last walk. Blocks on JSON-RPC. */
  public synchronized void refreshIfNewRound() {
    long round = state.currentRound();
    if (round == readInRound) {
      return;
    }
    List<Orchestrator> read = read();
    snapshot = List.copyOf(read);
    stakes = read.stream().collect(Collectors.toUnmodifiableMap(Orchestrator::address, Orchestrator::stake));
    readInRound = round;
    LOG.info("Active orchestrators in round {}: {}", round, read.isEmpty() ? "none with a service URI"
        : read.stream().map(o -> o.address() + " " + o.serviceUri() + " (stake " + o.stake() + ")").collect(Collectors.joining(", ")));
  }

  private List<Orchestrator> read() {
    BondingManager bonding = contracts.bondingManager();
    List<Orchestrator> active = new ArrayList<>();
    String next = ChainReader.call(bonding.getFirstTranscoderInPool());
    while (!next.equalsIgnoreCase(NONE)) {
      if (ChainReader.call(bonding.isActiveTranscoder(next))) {
        String uri = ChainReader.call(contracts.serviceRegistry().getServiceURI(next));
        if (!uri.isBlank()) {
          active.add(new Orchestrator(EthAddress.fromHex(next), uri.strip(), ChainReader.call(bonding.transcoderTotalStake(next))));
        }
      }
      next = ChainReader.call(bonding.getNextTranscoderInPool(next));
    }
    return active;
  }
}
