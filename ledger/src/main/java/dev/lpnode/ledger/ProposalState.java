package dev.lpnode.ledger;

/** Where a proposal stands (OpenZeppelin Governor states, without queueing: execution delay is 0). */
public enum ProposalState {
  /** Voting has not started: the snapshot round has not ended. */
  PENDING,
  ACTIVE,
  /** Voting ended without quorum, or with too few votes for. */
  DEFEATED,
  SUCCEEDED,
  EXECUTED
}
