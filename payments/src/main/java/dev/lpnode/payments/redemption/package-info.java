/**
 * Winning tickets on their way to the chain: the durable {@link
 * dev.lpnode.payments.redemption.WinningTicketStore} (SQLite, WAL, synchronous FULL) and the
 * redemption queue, a state machine queued → submitted → redeemed | failed that survives restarts.
 */
package dev.lpnode.payments.redemption;
