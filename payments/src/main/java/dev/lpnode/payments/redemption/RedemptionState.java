package dev.lpnode.payments.redemption;

/** Where a stored winning ticket is on its way to the chain. */
public enum RedemptionState {
  /** Waiting: its params have not expired yet, or a previous attempt can be retried. */
  QUEUED,
  /** Handed to the broker; the outcome is not recorded yet (after a crash, checked on restart). */
  SUBMITTED,
  /** Paid. */
  REDEEMED,
  /** Will never be paid; the reason says why. */
  FAILED
}
