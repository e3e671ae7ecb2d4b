package dev.lpnode.ledger;

/** Livepeer's delegator status: no bond, bonded from the next round, or bonded. */
public enum DelegatorStatus {
  PENDING,
  BONDED,
  UNBONDED
}
