package dev.lpnode.ledger.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ordered string key-value storage, the ledger's equivalent of contract storage. Every call runs
 * inside one transaction opened by a {@link Transactor}; keys are ASCII and compare bytewise.
 */
public interface Store {
  Optional<String> get(String key);

  void put(String key, String value);

  void delete(String key);

  /** Entries with {@code from ≤ key < to}, in key order (or reversed), at most {@code limit}. */
  List<Map.Entry<String, String>> range(String from, String to, boolean descending, int limit);

  /** Deletes every entry with {@code from ≤ key < to}. */
  void deleteRange(String from, String to);
}
