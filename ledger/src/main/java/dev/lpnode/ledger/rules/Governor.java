package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;
import static dev.lpnode.ledger.PercMath.PPM;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.ProposalState;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;

/**
 * LivepeerGovernor for parameter changes: the clock is the round; a proposal's votes are weighed
 * at its snapshot round ({@code votingDelay} after it is made) and counted for {@code
 * votingPeriod} rounds after that. It passes with quorum (for + against + abstain ≥ quorum of the
 * total active stake at the snapshot) and quota (for ≥ quota of for + against). Delegators may
 * override their transcoder's vote with their own stake. An executed proposal's changes take effect
 * when the next round is initialized.
 */
final class Governor {
  static final int MAX_DESCRIPTION = 10_000;

  private final LedgerState state;
  private final RoundsManager rounds;
  private final BondingVotes votes;
  private final Supplier<ParamsState> params;

  Governor(LedgerState state, RoundsManager rounds, BondingVotes votes, Supplier<ParamsState> params) {
    this.state = state;
    this.rounds = rounds;
    this.votes = votes;
    this.params = params;
  }

  ProposalRecord proposal(long id) {
    return state.get(ProposalRecord.KIND, Kind.pad(id));
  }

  private ProposalRecord existing(long id) {
    ProposalRecord p = proposal(id);
    require(p.exists(), "Governor: unknown proposal id");
    return p;
  }

  long proposalCount() {
    return state.get(Counter.PROPOSALS, "").value;
  }

  long propose(EthAddress proposer, List<ParameterChange> changes, String description) {
    require(!changes.isEmpty(), "Governor: empty proposal");
    require(description.length() <= MAX_DESCRIPTION, "proposal description is longer than " + MAX_DESCRIPTION + " characters");
    checkApplicable(changes);
    long currentRound = rounds.currentRound();
    NetworkParameters p = params.get().current;
    require(votes.pastVotes(proposer, currentRound - 1).compareTo(p.proposalThreshold()) >= 0,
        "Governor: proposer votes below proposal threshold");
    long id = state.get(Counter.PROPOSALS, "").next();
    ProposalRecord proposal = proposal(id);
    proposal.proposer = proposer;
    proposal.changes.addAll(changes);
    proposal.description = description;
    proposal.snapshotRound = currentRound + p.votingDelay();
    proposal.deadlineRound = proposal.snapshotRound + p.votingPeriod();
    return id;
  }

  /** Throws unless the changes could be applied on top of everything already passed. */
  private void checkApplicable(List<ParameterChange> changes) {
    NetworkParameters next = params.get().effectiveNext();
    for (ParameterChange c : changes) {
      if (c.parameter() == NetworkParameter.NUM_ACTIVE_TRANSCODERS) {
        require(c.value().compareTo(next.get(c.parameter())) > 0, "new max size must be greater than old max size");
      }
      next = next.with(c.parameter(), c.value());
    }
  }

  ProposalState state(long id) {
    ProposalRecord p = existing(id);
    long currentRound = rounds.currentRound();
    if (p.executed) {
      return ProposalState.EXECUTED;
    }
    if (p.snapshotRound >= currentRound) {
      return ProposalState.PENDING;
    }
    if (p.deadlineRound >= currentRound) {
      return ProposalState.ACTIVE;
    }
    return quorumReached(p) && voteSucceeded(p) ? ProposalState.SUCCEEDED : ProposalState.DEFEATED;
  }

  /** The votes needed: a share of the total active stake at the snapshot (estimated from now until then). */
  BigInteger quorum(ProposalRecord p) {
    return votes.pastTotalSupply(Math.min(p.snapshotRound, rounds.currentRound())).multiply(BigInteger.valueOf(params.get().current.quorum())).divide(PPM.divisor());
  }

  private boolean quorumReached(ProposalRecord p) {
    return p.againstVotes.add(p.forVotes).add(p.abstainVotes).compareTo(quorum(p)) >= 0;
  }

  private boolean voteSucceeded(ProposalRecord p) {
    return p.forVotes.compareTo(PPM.of(p.forVotes.add(p.againstVotes), params.get().current.quota())) >= 0;
  }

  /** Casts a vote; returns the weight counted for it. */
  BigInteger castVote(EthAddress account, long id, VoteType support) {
    require(state(id) == ProposalState.ACTIVE, "Governor: vote not currently active");
    ProposalRecord p = proposal(id);
    BigInteger weight = votes.pastVotes(account, p.snapshotRound);
    VoterRecord voter = state.get(VoterRecord.KIND, VoterRecord.id(id, account));
    require(!voter.hasVoted, "VoteAlreadyCast");
    voter.hasVoted = true;
    voter.support = support;
    weight = handleVoteOverrides(p, id, voter, account, weight);
    tally(p, support, weight);
    return weight;
  }

  private BigInteger handleVoteOverrides(ProposalRecord p, long id, VoterRecord voter, EthAddress account, BigInteger weight) {
    EthAddress delegate = votes.delegatedAt(account, p.snapshotRound);
    if (delegate.equals(account)) {
      return weight.subtract(voter.deductions);
    }
    VoterRecord delegateVoter = state.get(VoterRecord.KIND, VoterRecord.id(id, delegate));
    delegateVoter.deductions = delegateVoter.deductions.add(weight);
    if (delegateVoter.hasVoted) {
      tally(p, delegateVoter.support, weight.negate());
    }
    return weight;
  }

  private static void tally(ProposalRecord p, VoteType support, BigInteger weight) {
    switch (support) {
      case AGAINST -> p.againstVotes = p.againstVotes.add(weight);
      case FOR -> p.forVotes = p.forVotes.add(weight);
      case ABSTAIN -> p.abstainVotes = p.abstainVotes.add(weight);
    }
  }

  /** Executes a passed proposal: its changes are queued for the next round's initialization. */
  void execute(long id) {
    require(state(id) == ProposalState.SUCCEEDED, "Governor: proposal not successful");
    ProposalRecord p = proposal(id);
    checkApplicable(p.changes);
    p.executed = true;
    params.get().pending.addAll(p.changes);
  }
}
