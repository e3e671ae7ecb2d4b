package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.payments.chain.BlockClock;
import dev.lpnode.payments.chain.GasPriceOracle;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;

/**
 * What payments read from the chain, answered by the embedded ledger with the contracts' semantics:
 *
 * <ul>
 *   <li>blocks: the ledger's clock-driven block number (no database read);
 *   <li>rounds: RoundsManager's current round, the start block of a round, whether it is
 *       initialized, the last initialized round and the block hash stored for a round ({@link
 *       Bytes32#ZERO} if none);
 *   <li>transcoders: "active" is BondingManager's {@code isActiveTranscoder} (in the current round's
 *       active set: the only recipients the TicketBroker pays, since {@code updateTranscoderWithFees}
 *       requires it); the pool size is {@code getTranscoderPoolSize()}, the members of the pool now,
 *       i.e. the next round's active set, which is what the TicketBroker divides reserves by;
 *   <li>gas price: a fixed price, since embedded transactions cost nothing but redemption
 *       economics (face values) need one.
 * </ul>
 *
 * Reads block on the ledger's database: call them off event loops.
 */
final class LedgerChain implements BlockClock, dev.lpnode.payments.chain.Rounds, dev.lpnode.payments.chain.TranscoderPool,
    GasPriceOracle {
  private final EmbeddedLedger ledger;
  private final BigInteger gasPrice;

  LedgerChain(EmbeddedLedger ledger, BigInteger gasPrice) {
    this.ledger = ledger;
    this.gasPrice = gasPrice;
  }

  @Override
  public long latestL1Block() {
    return ledger.blocks().blockNumber();
  }

  @Override
  public long currentRound() {
    return ledger.round().round();
  }

  @Override
  public boolean currentRoundInitialized() {
    return ledger.round().initialized();
  }

  @Override
  public long lastInitializedRound() {
    return ledger.round().lastInitializedRound();
  }

  @Override
  public long roundStartBlock(long round) {
    RoundInfo now = ledger.round();
    return now.roundStartBlock() + (round - now.round()) * now.roundLength();
  }

  @Override
  public Bytes32 blockHashForRound(long round) {
    return ledger.blockHashForRound(round).orElse(Bytes32.ZERO);
  }

  @Override
  public boolean isActiveTranscoder(EthAddress orchestrator) {
    return ledger.isActiveTranscoder(orchestrator);
  }

  @Override
  public boolean isRegisteredTranscoder(EthAddress orchestrator) {
    return ledger.isRegisteredTranscoder(orchestrator);
  }

  @Override
  public long transcoderPoolSize() {
    return ledger.transcoderPoolSize();
  }

  @Override
  public BigInteger gasPrice() {
    return gasPrice;
  }
}
