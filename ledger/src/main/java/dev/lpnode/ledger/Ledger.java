package dev.lpnode.ledger;

/**
 * The protocol state a node works against: the embedded SQLite ledger implements it, and so will
 * an Ethereum one. Operations are atomic; a failed one changes nothing and throws {@link
 * LedgerException} with the protocol's revert string. Calls may block on I/O: never make them on
 * an event loop.
 */
public interface Ledger extends Rounds, Staking, FeeSink, WorkLedger, Governance, Slashing {}
