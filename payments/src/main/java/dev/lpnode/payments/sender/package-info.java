/**
 * The gateway's side of payments (protocol.md §5.5): {@link dev.lpnode.payments.sender.Sender}
 * checks an orchestrator's params against {@code -maxTicketEV}, {@code -maxTotalEV}, {@code
 * -depositMultiplier} and expiry, and signs tickets with nonces from 1 per params; {@link
 * dev.lpnode.payments.sender.FeeEstimate} and {@link dev.lpnode.payments.sender.SessionCredit} decide
 * how many tickets each segment carries and keep the credit as go-livepeer's gateway does.
 */
package dev.lpnode.payments.sender;
