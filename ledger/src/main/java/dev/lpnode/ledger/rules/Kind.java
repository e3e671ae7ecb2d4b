package dev.lpnode.ledger.rules;

import java.util.function.Function;
import java.util.function.Supplier;

/** A family of entities under one key prefix, with how to create an empty one and decode one. */
final class Kind<E extends Entity> {
  /** Above every character that can occur in a key, so {@code prefix + END} bounds a prefix scan. */
  static final String END = "~";

  final String prefix;
  private final Supplier<E> empty;
  private final Function<Row, E> decoder;
  final String zero;

  Kind(String prefix, Supplier<E> empty, Function<Row, E> decoder) {
    this.prefix = prefix;
    this.empty = empty;
    this.decoder = decoder;
    this.zero = empty.get().encode();
  }

  E empty() {
    return empty.get();
  }

  E decode(String stored) {
    return decoder.apply(new Row(stored));
  }

  /** Fixed-width decimal, so that rounds and ids sort numerically as keys. */
  static String pad(long number) {
    return String.format("%020d", number);
  }
}
