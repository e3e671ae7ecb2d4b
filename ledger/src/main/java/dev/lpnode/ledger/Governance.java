package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;

/** Parameter governance: one staked token, one vote (LivepeerGovernor). */
public interface Governance {
  /** Proposes parameter changes; the proposer needs {@code proposalThreshold} of stake. Returns the id. */
  long propose(EthAddress proposer, List<ParameterChange> changes, String description);

  /** Votes with the stake held at the proposal's snapshot round; returns the weight counted. */
  BigInteger castVote(EthAddress voter, long proposalId, VoteType support);

  /** Executes a succeeded proposal; its changes take effect when the next round is initialized. */
  void execute(long proposalId);

  ProposalInfo proposal(long proposalId);

  List<ProposalInfo> proposals();

  /** The parameters in force. */
  NetworkParameters parameters();

  /** Changes executed but waiting for the next round. */
  List<ParameterChange> pendingParameterChanges();
}
