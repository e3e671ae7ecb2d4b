package dev.lpnode.ledger;

/** A vote on a proposal, in Governor Bravo order. */
public enum VoteType {
  AGAINST,
  FOR,
  ABSTAIN
}
