package dev.lpnode.eth;

import dev.lpnode.eth.watch.ProtocolState;
import dev.lpnode.payments.chain.BlockClock;
import dev.lpnode.payments.chain.GasPriceOracle;
import dev.lpnode.payments.chain.Rounds;
import dev.lpnode.payments.chain.TranscoderPool;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;

/**
 * Payments' view of the chain (blocks, rounds, the transcoder pool, the gas price) read from the
 * cached {@link ProtocolState}: no JSON-RPC call. The pool is known for the node's own account
 * only; any other address is not active as far as this node can tell (tickets name it as their
 * recipient, and it never pays anyone else's tickets).
 */
final class EthChain implements BlockClock, Rounds, TranscoderPool, GasPriceOracle {
  private final ProtocolState state;
  private final BigInteger minGasPrice;

  EthChain(ProtocolState state, BigInteger minGasPrice) {
    this.state = state;
    this.minGasPrice = minGasPrice;
  }

  @Override
  public long latestL1Block() {
    return state.head().l1Number();
  }

  @Override
  public long currentRound() {
    return state.currentRound();
  }

  @Override
  public boolean currentRoundInitialized() {
    return state.lastInitializedRound() >= state.currentRound();
  }

  @Override
  public long lastInitializedRound() {
    return state.lastInitializedRound();
  }

  @Override
  public long roundStartBlock(long round) {
    return state.roundStartBlock(round);
  }

  @Override
  public Bytes32 blockHashForRound(long round) {
    return state.blockHashForRound(round);
  }

  @Override
  public boolean isActiveTranscoder(EthAddress orchestrator) {
    return orchestrator.equals(state.account()) && state.transcoder().active();
  }

  @Override
  public boolean isRegisteredTranscoder(EthAddress orchestrator) {
    return orchestrator.equals(state.account()) && state.transcoder().registered();
  }

  @Override
  public long transcoderPoolSize() {
    return state.poolSize();
  }

  /** The latest {@code eth_gasPrice}, at least {@code -minGasPrice}. */
  @Override
  public BigInteger gasPrice() {
    return state.gasPrice().max(minGasPrice);
  }
}
