package dev.lpnode.ledger;

/** The round clock at one block. */
public record RoundInfo(
    long blockNumber,
    long round,
    long roundStartBlock,
    long roundLength,
    boolean initialized,
    boolean locked,
    long lastInitializedRound) {}
