package dev.lpnode.orchestrator.work;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;

/**
 * One segment the orchestrator transcoded, checked and billed.
 *
 * @param sessionId     the orchestrator's session (auth token session ID)
 * @param sender        the paying gateway
 * @param manifestId    the gateway's stream
 * @param seq           the segment's sequence number
 * @param pixels        Σ pixels over the renditions, as verified by decoding them
 * @param durationMs    the segment's duration
 * @param fees          what the session's balance was debited, in wei
 */
public record VerifiedWork(String sessionId, EthAddress sender, String manifestId, long seq, long pixels,
    long durationMs, Rational fees) {}
