package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.ledger.BlockSource;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.payments.crypto.EthAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's contracts wired together over one transaction's state, at one block. The block
 * number is read once and never goes below the highest block seen before, so a clock step back
 * cannot move rounds backwards.
 */
final class Protocol {
  final LedgerState state;
  final RoundsManager rounds;
  final Balances balances;
  final Minter minter;
  final VerifiedWork work;
  final BondingManager bonding;
  final BondingVotes votes;
  final Governor governor;
  final Faucet faucet;
  private final BlockSource blocks;

  private Protocol(LedgerState state, BlockSource blocks, long block) {
    this.state = state;
    this.blocks = blocks;
    this.rounds = new RoundsManager(state, block);
    this.balances = new Balances(state);
    this.minter = new Minter(state, balances);
    this.work = new VerifiedWork(state, rounds);
    this.bonding = new BondingManager(state, rounds, minter, balances, work, this::params);
    this.votes = new BondingVotes(state, rounds, bonding);
    this.governor = new Governor(state, rounds, votes, this::paramsState);
    this.faucet = new Faucet(state, rounds, balances, this::params);
  }

  /**
   * Creates the network in an empty store: round 1 starts at {@code genesisBlock}, after a round 0
   * of {@code roundLength} blocks in which a genesis allocation can bond and register transcoders
   * (they are then active from round 1).
   */
  static void genesis(Store store, NetworkParameters params, long genesisBlock) {
    LedgerState state = new LedgerState(store);
    ParamsState ps = state.get(ParamsState.KIND, "");
    require(ps.current == null, "the ledger already has a genesis");
    ps.current = params;
    RoundsState rounds = state.get(RoundsState.KIND, "");
    rounds.roundLength = params.roundLength();
    rounds.lastRoundLengthUpdateRound = 0;
    rounds.lastRoundLengthUpdateStartBlock = Math.subtractExact(genesisBlock, params.roundLength());
    rounds.lastSeenBlock = rounds.lastRoundLengthUpdateStartBlock;
    state.get(MinterState.KIND, "").inflation = params.inflation();
    BondingTotals totals = state.get(BondingTotals.KIND, "");
    totals.treasuryRewardCutRate = params.treasuryRewardCutRate();
    totals.nextRoundTreasuryRewardCutRate = params.treasuryRewardCutRate();
    state.flush();
  }

  static boolean hasGenesis(Store store) {
    return storedParameters(store) != null;
  }

  static NetworkParameters storedParameters(Store store) {
    return new LedgerState(store).get(ParamsState.KIND, "").current;
  }

  static Protocol open(Store store, BlockSource blocks) {
    LedgerState state = new LedgerState(store);
    require(state.get(ParamsState.KIND, "").current != null, "the ledger has no genesis");
    RoundsState rounds = state.get(RoundsState.KIND, "");
    long block = Math.max(blocks.blockNumber(), rounds.lastSeenBlock);
    rounds.lastSeenBlock = block;
    return new Protocol(state, blocks, block);
  }

  ParamsState paramsState() {
    return state.get(ParamsState.KIND, "");
  }

  NetworkParameters params() {
    return paramsState().current;
  }

  /**
   * Livepeer's {@code initializeRound}, plus what our rules fix at the same moment: pending
   * parameter changes take effect, the active set's verified work of the previous round is
   * totalled for this round's issuance, and the part of that issuance no one earns goes to the
   * treasury.
   */
  void initializeRound() {
    RoundRecord record = rounds.markInitialized(blocks.blockHash(rounds.blockNumber() - 1));
    applyPendingParameters();
    bonding.setCurrentRoundTotalActiveStake();
    BondingTotals totals = bonding.totals();
    minter.setCurrentRewardTokens(totals.currentRoundTotalActiveStake, params());
    long round = rounds.currentRound();
    List<EthAddress> activeSet = new ArrayList<>();
    bonding.pool().members().forEach(m -> activeSet.add(m.address()));
    record.totalActiveStake = totals.currentRoundTotalActiveStake;
    record.workAlpha = params().workAlpha();
    record.totalWork = work.total(activeSet, round - 1, params().workMetric());
    work.prune(round);
    bonding.mintUnearnedIssuance();
  }

  void initializeRoundIfNeeded() {
    if (!rounds.currentRoundInitialized()) {
      initializeRound();
    }
  }

  private void applyPendingParameters() {
    ParamsState ps = paramsState();
    if (ps.pending.isEmpty()) {
      return;
    }
    ps.current = ps.effectiveNext();
    for (ParameterChange c : ps.pending) {
      if (c.parameter() == NetworkParameter.TREASURY_REWARD_CUT_RATE) {
        bonding.totals().nextRoundTreasuryRewardCutRate = c.value();
      }
    }
    ps.pending.clear();
  }

  /** Writes all changes, checkpointing the bonding state of every account that changed (BondingVotes). */
  void commit() {
    state.flush();
    List<EthAddress> accounts = new ArrayList<>();
    for (String key : state.changedKeys()) {
      if (key.startsWith(Delegator.KIND.prefix)) {
        accounts.add(EthAddress.fromHex(key.substring(Delegator.KIND.prefix.length())));
      } else if (key.startsWith(Transcoder.KIND.prefix)) {
        accounts.add(EthAddress.fromHex(key.substring(Transcoder.KIND.prefix.length())));
      }
    }
    accounts.stream().distinct().forEach(votes::checkpointBondingState);
    state.flush();
  }
}
