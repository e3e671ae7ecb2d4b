package dev.lpnode.remote;

/** Where a remote transcoder stands with its orchestrator, for {@code /healthz}: registered, or why not. */
public record LinkStatus(boolean registered, String reason) {}
