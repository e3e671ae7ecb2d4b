package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.ledger.BlockSource;
import dev.lpnode.ledger.DelegatorInfo.UnbondingLockInfo;
import dev.lpnode.ledger.DelegatorInfo;
import dev.lpnode.ledger.FaultEvidence;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.IssuanceInfo;
import dev.lpnode.ledger.Ledger;
import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.ProposalInfo;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.SlashResult;
import dev.lpnode.ledger.TranscoderInfo;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.ledger.WorkTotals;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link Ledger} over any transactional {@link Store}: each operation runs the protocol rules
 * in one transaction, so it happens entirely or not at all. With {@code autoInitializeRounds}, the
 * first write of a round initializes it (as a round-initializing node would), so an embedded
 * network needs no separate round keeper.
 */
public class StateLedger implements Ledger {
  private final Transactor transactor;
  private final BlockSource blocks;
  private final FaultVerifier faultVerifier;
  private final boolean autoInitializeRounds;

  public StateLedger(Transactor transactor, BlockSource blocks, FaultVerifier faultVerifier, boolean autoInitializeRounds) {
    this.transactor = transactor;
    this.blocks = blocks;
    this.faultVerifier = faultVerifier;
    this.autoInitializeRounds = autoInitializeRounds;
  }

  /**
   * Creates the network with {@code params}, round 1 starting at {@code genesisBlock} (round 0, the
   * {@code roundLength} blocks before it, is for a genesis allocation), unless the store has one
   * already; call it inside a transaction. Returns the parameters in force, which for an existing
   * network are the stored ones (genesis values, as changed by governance).
   */
  public static NetworkParameters genesis(Store store, NetworkParameters params, long genesisBlock) {
    if (!Protocol.hasGenesis(store)) {
      Protocol.genesis(store, params, genesisBlock);
    }
    return Protocol.storedParameters(store);
  }

  private <T> T write(Function<Protocol, T> operation) {
    return transactor.inTransaction(store -> {
      Protocol p = Protocol.open(store, blocks);
      if (autoInitializeRounds) {
        p.initializeRoundIfNeeded();
      }
      T result = operation.apply(p);
      p.commit();
      return result;
    });
  }

  private void act(Consumer<Protocol> operation) {
    write(p -> {
      operation.accept(p);
      return null;
    });
  }

  private <T> T read(Function<Protocol, T> query) {
    return transactor.inTransaction(store -> query.apply(Protocol.open(store, blocks)));
  }

  // ---- development helpers of the embedded network

  /** Creates LPT out of thin air (a faucet for development networks). */
  public void mintLpt(EthAddress to, BigInteger amount) {
    require(amount.signum() >= 0, "amount must not be negative");
    act(p -> p.balances.mintLpt(to, amount));
  }

  /** Creates ETH out of thin air (a faucet for development networks). */
  public void mintEth(EthAddress to, BigInteger amount) {
    require(amount.signum() >= 0, "amount must not be negative");
    act(p -> p.balances.mintEth(to, amount));
  }

  /** The development faucet's {@code request()} for {@code caller}: the LPT it got; reverts when it asks too early. */
  public BigInteger faucetRequest(EthAddress caller) {
    return write(p -> p.faucet.request(caller));
  }

  /** An LPT transfer between accounts, as the token contract's {@code transfer}. */
  public void transferLpt(EthAddress from, EthAddress to, BigInteger amount) {
    act(p -> p.balances.transferLpt(from, to, amount));
  }

  /** Checks the ledger's accounting invariants; an empty list means all hold. */
  public List<String> audit() {
    return read(p -> new LedgerAudit(p).violations());
  }

  /**
   * Credits a ticket broker's payouts to {@code transcoder} idempotently. {@code totalPaid} is
   * everything the broker has paid it in the broker's {@code round} so far; the part not credited
   * before goes through {@link #updateTranscoderWithFees} (into the current round, as LIP-36 does),
   * and the new total is remembered in the same transaction. Calling it again with the same total
   * credits nothing, so a broker and this ledger in separate databases stay exactly-once: after a
   * crash between the broker's commit and this call, the next call credits what is missing.
   * Returns the amount credited now; reverts like {@code updateTranscoderWithFees} (then nothing is
   * remembered and a later call retries).
   */
  public BigInteger creditFeesPaid(EthAddress transcoder, long round, BigInteger totalPaid) {
    String id = transcoder.toHex() + "/" + Kind.pad(round);
    if (read(p -> p.state.get(Amount.FEES_CREDITED, id).value).compareTo(totalPaid) >= 0) {
      return BigInteger.ZERO;
    }
    return write(p -> {
      Amount credited = p.state.get(Amount.FEES_CREDITED, id);
      BigInteger due = totalPaid.subtract(credited.value);
      if (due.signum() <= 0) {
        return BigInteger.ZERO;
      }
      p.bonding.updateTranscoderWithFees(transcoder, due);
      credited.value = totalPaid;
      return due;
    });
  }

  // ---- Rounds

  @Override
  public RoundInfo round() {
    return read(p -> {
      RoundsManager r = p.rounds;
      return new RoundInfo(r.blockNumber(), r.currentRound(), r.currentRoundStartBlock(), r.roundLength(),
          r.currentRoundInitialized(), r.currentRoundLocked(p.params().roundLockAmount()), r.lastInitializedRound());
    });
  }

  @Override
  public Optional<Bytes32> blockHashForRound(long round) {
    return read(p -> {
      RoundRecord record = p.rounds.record(round);
      return record.initialized ? Optional.of(record.blockHash) : Optional.empty();
    });
  }

  @Override
  public void initializeRound() {
    transactor.inTransaction(store -> {
      Protocol p = Protocol.open(store, blocks);
      p.initializeRound();
      p.commit();
      return null;
    });
  }

  /** Initializes the current round unless it is already; true if this call did. For round keepers. */
  public boolean initializeRoundIfNeeded() {
    if (read(p -> p.rounds.currentRoundInitialized())) {
      return false;
    }
    return transactor.inTransaction(store -> {
      Protocol p = Protocol.open(store, blocks);
      boolean needed = !p.rounds.currentRoundInitialized();
      if (needed) {
        p.initializeRound();
      }
      p.commit();
      return needed;
    });
  }

  // ---- Staking

  @Override
  public void bond(EthAddress delegator, BigInteger amount, EthAddress to) {
    act(p -> p.bonding.bond(delegator, amount, to));
  }

  @Override
  public long unbond(EthAddress delegator, BigInteger amount) {
    return write(p -> p.bonding.unbond(delegator, amount));
  }

  @Override
  public void rebond(EthAddress delegator, long unbondingLockId) {
    act(p -> p.bonding.rebond(delegator, unbondingLockId));
  }

  @Override
  public void rebondFromUnbonded(EthAddress delegator, EthAddress to, long unbondingLockId) {
    act(p -> p.bonding.rebondFromUnbonded(delegator, to, unbondingLockId));
  }

  @Override
  public BigInteger withdrawStake(EthAddress delegator, long unbondingLockId) {
    return write(p -> p.bonding.withdrawStake(delegator, unbondingLockId));
  }

  @Override
  public void transferBond(EthAddress from, EthAddress to, BigInteger amount) {
    act(p -> p.bonding.transferBond(from, to, amount));
  }

  @Override
  public void registerTranscoder(EthAddress transcoder, long rewardCut, long feeShare) {
    act(p -> p.bonding.transcoder(transcoder, rewardCut, feeShare));
  }

  @Override
  public RewardResult reward(EthAddress transcoder) {
    return write(p -> p.bonding.reward(transcoder));
  }

  @Override
  public void claimEarnings(EthAddress delegator) {
    act(p -> p.bonding.claimEarnings(delegator));
  }

  @Override
  public void withdrawFees(EthAddress delegator, EthAddress recipient, BigInteger amount) {
    act(p -> p.bonding.withdrawFees(delegator, recipient, amount));
  }

  @Override
  public DelegatorInfo delegator(EthAddress account) {
    return read(p -> {
      BondingManager b = p.bonding;
      Delegator d = b.delegator(account);
      BigInteger[] pending = b.pendingStakeAndFees(account);
      List<UnbondingLockInfo> locks = new ArrayList<>();
      for (String id : p.state.ids(UnbondingLock.KIND, account.toHex() + "/")) {
        UnbondingLock lock = p.state.get(UnbondingLock.KIND, id);
        locks.add(new UnbondingLockInfo(Long.parseLong(id.substring(id.indexOf('/') + 1)), lock.amount, lock.withdrawRound));
      }
      return new DelegatorInfo(account, b.delegatorStatus(account), d.delegateAddress, d.bondedAmount, pending[0], d.fees, pending[1],
          d.delegatedAmount, d.startRound, d.lastClaimRound, locks);
    });
  }

  @Override
  public TranscoderInfo transcoder(EthAddress account) {
    return read(p -> transcoderInfo(p, account));
  }

  private static TranscoderInfo transcoderInfo(Protocol p, EthAddress account) {
    BondingManager b = p.bonding;
    Transcoder t = b.transcoder(account);
    return new TranscoderInfo(account, b.isRegisteredTranscoder(account), b.isActiveTranscoder(account), t.rewardCut, t.feeShare,
        b.transcoderTotalStake(account), t.lastRewardRound, t.lastFeeRound, t.activationRound, t.deactivationRound);
  }

  @Override
  public List<TranscoderInfo> transcoderPool() {
    return read(p -> p.bonding.pool().members().stream().map(m -> transcoderInfo(p, m.address())).toList());
  }

  @Override
  public List<TranscoderInfo> activeTranscoders() {
    return read(p -> LedgerAudit.activeSet(p).stream().map(a -> transcoderInfo(p, a)).toList());
  }

  @Override
  public boolean isActiveTranscoder(EthAddress account) {
    return read(p -> p.bonding.isActiveTranscoder(account));
  }

  @Override
  public boolean isRegisteredTranscoder(EthAddress account) {
    return read(p -> p.bonding.isRegisteredTranscoder(account));
  }

  @Override
  public int transcoderPoolSize() {
    return read(p -> p.bonding.pool().size());
  }

  @Override
  public IssuanceInfo issuance() {
    return read(p -> {
      MinterState m = p.minter.stored();
      BondingTotals totals = p.bonding.totals();
      long round = p.rounds.currentRound();
      RoundRecord record = p.rounds.record(round);
      return new IssuanceInfo(round, m.lptSupply, totals.currentRoundTotalActiveStake, m.inflation, m.currentMintableTokens,
          m.currentMintedTokens, totals.treasuryRewardCutRate, record.workAlpha, record.totalWork);
    });
  }

  @Override
  public BigInteger lptBalance(EthAddress account) {
    return read(p -> p.balances.lpt(account));
  }

  @Override
  public BigInteger ethBalance(EthAddress account) {
    return read(p -> p.balances.eth(account));
  }

  // ---- FeeSink

  @Override
  public void updateTranscoderWithFees(EthAddress transcoder, BigInteger fees, long creationRound) {
    act(p -> p.bonding.updateTranscoderWithFees(transcoder, fees));
  }

  // ---- WorkLedger

  @Override
  public boolean recordSegment(SegmentRecord segment) {
    return write(p -> p.work.record(segment));
  }

  @Override
  public WorkTotals workTotals(EthAddress orchestrator, long round) {
    return read(p -> p.work.totals(orchestrator, round));
  }

  @Override
  public WorkTotals workTotals(EthAddress orchestrator, long fromRound, long toRound) {
    return read(p -> p.work.totals(orchestrator, fromRound, toRound));
  }

  @Override
  public List<RoutingWeight> routingWeights() {
    return read(p -> {
      long round = p.rounds.currentRound();
      long window = p.params().routingWindow();
      List<RoutingWeights.Candidate> candidates = new ArrayList<>();
      for (EthAddress a : LedgerAudit.activeSet(p)) {
        candidates.add(new RoutingWeights.Candidate(a, p.bonding.currentRoundStake(a), p.work.totals(a, round - window + 1, round)));
      }
      return RoutingWeights.compute(candidates);
    });
  }

  // ---- Governance

  @Override
  public long propose(EthAddress proposer, List<ParameterChange> changes, String description) {
    return write(p -> p.governor.propose(proposer, changes, description));
  }

  @Override
  public BigInteger castVote(EthAddress voter, long proposalId, VoteType support) {
    return write(p -> p.governor.castVote(voter, proposalId, support));
  }

  @Override
  public void execute(long proposalId) {
    act(p -> p.governor.execute(proposalId));
  }

  @Override
  public ProposalInfo proposal(long proposalId) {
    return read(p -> proposalInfo(p, proposalId));
  }

  private static ProposalInfo proposalInfo(Protocol p, long id) {
    ProposalRecord r = p.governor.proposal(id);
    return new ProposalInfo(id, r.proposer, List.copyOf(r.changes), r.description, r.snapshotRound, r.deadlineRound,
        p.governor.state(id), r.forVotes, r.againstVotes, r.abstainVotes, p.governor.quorum(r));
  }

  @Override
  public List<ProposalInfo> proposals() {
    return read(p -> {
      List<ProposalInfo> all = new ArrayList<>();
      for (long id = 1; id <= p.governor.proposalCount(); id++) {
        all.add(proposalInfo(p, id));
      }
      return all;
    });
  }

  @Override
  public NetworkParameters parameters() {
    return read(Protocol::params);
  }

  @Override
  public List<ParameterChange> pendingParameterChanges() {
    return read(p -> List.copyOf(p.paramsState().pending));
  }

  // ---- Slashing

  @Override
  public SlashResult slash(EthAddress finder, FaultEvidence evidence) {
    require(read(p -> p.params().slashingEnabled()), "slashing is disabled");
    require(!evidence.id().isEmpty() && evidence.id().length() <= 512, "evidence id must have 1 to 512 characters");
    Optional<String> refusal = faultVerifier.refusal(evidence);
    if (refusal.isPresent()) {
      throw new LedgerException("evidence does not prove a fault: " + refusal.get());
    }
    return write(p -> {
      NetworkParameters params = p.params();
      require(params.slashingEnabled(), "slashing is disabled");
      Marker used = p.state.get(Marker.EVIDENCE, Row.text(evidence.id()));
      require(!used.present, "evidence already used");
      used.present = true;
      return p.bonding.slashTranscoder(evidence.offender(), finder, params.slashAmount(), params.finderFee());
    });
  }
}
