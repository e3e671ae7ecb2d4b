package dev.lpnode.ledger.rules;

import java.util.function.Function;

/** Runs work against a {@link Store} atomically: all of its writes happen, or none if it throws. */
public interface Transactor {
  <T> T inTransaction(Function<Store, T> work);
}
