package dev.lpnode.payments.chain;

import java.util.Objects;

/** The chain and protocol state payments read, in one place; one object may implement several parts. */
public record Chain(BlockClock blocks, Rounds rounds, TranscoderPool transcoders, GasPriceOracle gasPrice, TicketBroker broker) {
  public Chain {
    Objects.requireNonNull(blocks, "blocks");
    Objects.requireNonNull(rounds, "rounds");
    Objects.requireNonNull(transcoders, "transcoders");
    Objects.requireNonNull(gasPrice, "gasPrice");
    Objects.requireNonNull(broker, "broker");
  }
}
