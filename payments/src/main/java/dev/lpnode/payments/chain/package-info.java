/**
 * The chain and protocol state payments read, behind small interfaces ({@link
 * dev.lpnode.payments.chain.BlockClock}, {@link dev.lpnode.payments.chain.Rounds}, {@link
 * dev.lpnode.payments.chain.TranscoderPool}, {@link dev.lpnode.payments.chain.GasPriceOracle},
 * {@link dev.lpnode.payments.chain.TicketBroker}), bundled as a {@link
 * dev.lpnode.payments.chain.Chain}. {@link dev.lpnode.payments.chain.EmbeddedTicketBroker} runs the
 * TicketBroker contract in process on SQLite; {@link dev.lpnode.payments.chain.ManualChain} is
 * deterministic state set by hand, for tests and off-chain use. The ledger module supplies rounds
 * and the active set; an Ethereum implementation will supply all of it from the chain.
 */
package dev.lpnode.payments.chain;
