package dev.lpnode.payments.chain;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chain state set by hand, deterministic and in memory: blocks, rounds, the active set and the gas
 * price. Tests drive block numbers and rounds through it; an off-chain node can use it until the
 * ledger supplies these values. Thread-safe.
 */
public final class ManualChain implements BlockClock, Rounds, TranscoderPool, GasPriceOracle {
  /** Arbitrum One's round length. */
  public static final long DEFAULT_ROUND_LENGTH = 5760;

  private long l1Block;
  private long roundLength = DEFAULT_ROUND_LENGTH;
  private long currentRoundStartBlock;
  private long currentRound;
  private boolean currentRoundInitialized;
  private long lastInitializedRound;
  private final Map<Long, Bytes32> roundBlockHashes = new HashMap<>();
  private final Set<EthAddress> active = new HashSet<>();
  private final Set<EthAddress> registered = new HashSet<>();
  private BigInteger gasPrice = BigInteger.ZERO;

  public synchronized void setL1Block(long block) {
    l1Block = block;
  }

  public synchronized void setRoundLength(long blocks) {
    if (blocks <= 0) {
      throw new IllegalArgumentException("round length must be positive");
    }
    roundLength = blocks;
  }

  /**
   * Moves to {@code round}, starting at the current L1 block, and initializes it with {@code
   * blockHash}, as {@code initializeRound()} does.
   */
  public synchronized void initializeRound(long round, Bytes32 blockHash) {
    Objects.requireNonNull(blockHash, "blockHash");
    startRound(round);
    currentRoundInitialized = true;
    lastInitializedRound = round;
    roundBlockHashes.put(round, blockHash);
  }

  /** Moves to {@code round}, starting at the current L1 block, without initializing it. */
  public synchronized void startRound(long round) {
    currentRound = round;
    currentRoundStartBlock = l1Block;
    currentRoundInitialized = false;
  }

  /** Registers {@code orchestrator} and puts it in the active set. */
  public synchronized void activate(EthAddress orchestrator) {
    registered.add(orchestrator);
    active.add(orchestrator);
  }

  /** Takes {@code orchestrator} out of the active set; it stays registered. */
  public synchronized void deactivate(EthAddress orchestrator) {
    active.remove(orchestrator);
  }

  public synchronized void register(EthAddress orchestrator) {
    registered.add(orchestrator);
  }

  public synchronized void setGasPrice(BigInteger weiPerGas) {
    gasPrice = Objects.requireNonNull(weiPerGas, "weiPerGas");
  }

  @Override
  public synchronized long latestL1Block() {
    return l1Block;
  }

  @Override
  public synchronized long currentRound() {
    return currentRound;
  }

  @Override
  public synchronized boolean currentRoundInitialized() {
    return currentRoundInitialized;
  }

  @Override
  public synchronized long lastInitializedRound() {
    return lastInitializedRound;
  }

  @Override
  public synchronized long roundStartBlock(long round) {
    return currentRoundStartBlock + (round - currentRound) * roundLength;
  }

  @Override
  public synchronized Bytes32 blockHashForRound(long round) {
    return roundBlockHashes.getOrDefault(round, Bytes32.ZERO);
  }

  @Override
  public synchronized boolean isActiveTranscoder(EthAddress orchestrator) {
    return active.contains(orchestrator);
  }

  @Override
  public synchronized boolean isRegisteredTranscoder(EthAddress orchestrator) {
    return registered.contains(orchestrator);
  }

  @Override
  public synchronized long transcoderPoolSize() {
    return active.size();
  }

  @Override
  public synchronized BigInteger gasPrice() {
    return gasPrice;
  }
}
