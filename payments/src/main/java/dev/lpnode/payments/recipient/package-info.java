/**
 * The orchestrator's side of payments (protocol.md §5.3–5.8, §6).
 *
 * <ul>
 *   <li>{@link dev.lpnode.payments.recipient.Recipient}: fresh ticket params for every response and
 *       the receive path of payments, in go-livepeer's order, with its error texts and its
 *       fatal/non-fatal split; winning tickets reach disk before a payment is acknowledged.
 *   <li>{@link dev.lpnode.payments.recipient.Balances}: exact credit per (sender, session) and the
 *       price fixed by a session's first payment.
 *   <li>{@link dev.lpnode.payments.recipient.Pricing}: the price advertised to each gateway.
 *   <li>{@link dev.lpnode.payments.recipient.SenderMonitor}: max float and unlock checks per sender.
 * </ul>
 */
package dev.lpnode.payments.recipient;
