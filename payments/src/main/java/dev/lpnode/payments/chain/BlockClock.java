package dev.lpnode.payments.chain;

/** The chain's notion of time for tickets: the latest L1 block number seen. */
public interface BlockClock {
  /** The latest L1 block; on Arbitrum the L1 number from the block header, as go-livepeer uses it. */
  long latestL1Block();
}
