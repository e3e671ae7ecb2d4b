package dev.lpnode.gateway.discovery;

import dev.lpnode.wire.net.OrchestratorInfo;

/**
 * An orchestrator that answered discovery and passed its checks.
 *
 * @param uri          where it was asked (from {@code -orchAddr} or the webhook)
 * @param info         what it answered
 * @param latencyNanos how long it took to answer
 */
public record Discovered(String uri, OrchestratorInfo info, long latencyNanos) {}
