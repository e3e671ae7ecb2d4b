package dev.lpnode.ledger;

/** The measure of verified work that issuance is weighted by. */
public enum WorkMetric {
  /** Output pixels of verified segments, as recorded by the orchestrator. */
  PIXELS,
  /** Fees from redeemed winning tickets, as credited by the ticket broker. */
  FEES
}
