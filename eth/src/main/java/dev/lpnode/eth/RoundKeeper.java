package dev.lpnode.eth;

import dev.lpnode.eth.contracts.BondingManager;
import dev.lpnode.eth.contracts.RoundsManager;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.eth.tx.TransactionRevertedException;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.eth.watch.ProtocolState;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's round duties, checked on every new block: {@code -initializeRound} sends
 * {@code initializeRound()} when the current round is not initialized yet, and {@code -reward}
 * calls {@code rewardWithHint} once per round while the account is active, with its neighbours in
 * the pool as hints. A failure is logged, counted in {@code livepeer_reward_call_errors} for
 * reward, and tried again on the next block.
 */
final class RoundKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(RoundKeeper.class);

  private final ProtocolState state;
  private final ProtocolContracts contracts;
  private final Transactions transactions;
  private final EthMetrics metrics;
  private final boolean initializeRound;
  private final boolean reward;
  private long rewardedRound = -1;

  RoundKeeper(ProtocolState state, ProtocolContracts contracts, Transactions transactions, EthMetrics metrics, boolean initializeRound,
      boolean reward) {
    this.state = state;
    this.contracts = contracts;
    this.transactions = transactions;
    this.metrics = metrics;
    this.initializeRound = initializeRound;
    this.reward = reward;
  }

  void onNewBlock() {
    long round = state.currentRound();
    if (initializeRound && state.lastInitializedRound() < round) {
      initialize(round);
    }
    ProtocolState.Transcoder self = state.transcoder();
    if (reward && state.lastInitializedRound() >= round && self.active() && self.lastRewardRound() < round && rewardedRound < round) {
      reward(round);
    }
  }

  private void initialize(long round) {
    RoundsManager rounds = contracts.roundsManager();
    try {
      transactions.send(rounds.getContractAddress(), rounds.initializeRound().encodeFunctionCall(), BigInteger.ZERO, hash -> { });
      LOG.info("Initialized round {}", round);
    } catch (TransactionRevertedException | ChainUnavailableException e) {
      LOG.warn("initializeRound() for round {} failed, trying again next block: {}", round, e.getMessage());
    }
  }

  private void reward(long round) {
    BondingManager bonding = contracts.bondingManager();
    try {
      EthAddress[] hints = poolNeighbours();
      transactions.send(bonding.getContractAddress(), bonding.rewardWithHint(hints[0].toHex(), hints[1].toHex()).encodeFunctionCall(),
          BigInteger.ZERO, hash -> { });
      rewardedRound = round;
      LOG.info("Called reward for round {}", round);
    } catch (TransactionRevertedException | ChainUnavailableException e) {
      metrics.rewardFailed();
      LOG.warn("reward() for round {} failed, trying again next block: {}", round, e.getMessage());
    }
  }

  /** The pool members before and after this account (zero at the ends): the sorted list's hints. */
  private EthAddress[] poolNeighbours() {
    BondingManager bonding = contracts.bondingManager();
    EthAddress previous = EthAddress.ZERO;
    EthAddress current = EthAddress.fromHex(ChainReader.call(bonding.getFirstTranscoderInPool()));
    for (long i = 0; i < state.poolSize() && !current.isZero(); i++) {
      EthAddress next = EthAddress.fromHex(ChainReader.call(bonding.getNextTranscoderInPool(current.toHex())));
      if (current.equals(state.account())) {
        return new EthAddress[] {previous, next};
      }
      previous = current;
      current = next;
    }
    return new EthAddress[] {EthAddress.ZERO, EthAddress.ZERO};
  }
}
