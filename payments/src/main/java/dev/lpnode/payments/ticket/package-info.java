/**
 * Livepeer probabilistic micropayment tickets, bit-for-bit as the TicketBroker contract sees them
 * (protocol.md §5.1–5.2): the {@link dev.lpnode.payments.ticket.Ticket} fields, its 232-byte packed
 * form and keccak256 hash, auxData from {@link dev.lpnode.payments.ticket.ExpirationParams}, the
 * win test and exact expected value in {@link dev.lpnode.payments.ticket.WinProbability}, the
 * params an orchestrator offers ({@link dev.lpnode.payments.ticket.TicketParams}) and their
 * protobuf form, and the exact arithmetic ({@link dev.lpnode.payments.ticket.Rational}, {@link
 * dev.lpnode.payments.ticket.Uint256}) that EVs, balances and prices use.
 */
package dev.lpnode.payments.ticket;
