package dev.lpnode.ledger.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An in-memory {@link Store} and {@link Transactor} for pure tests and simulations. A failed
 * transaction is undone from a log of the values it overwrote.
 */
public final class MemoryStore implements Store, Transactor {
  private final TreeMap<String, String> entries = new TreeMap<>();
  private Map<String, Optional<String>> undo;

  @Override
  public synchronized <T> T inTransaction(Function<Store, T> work) {
    if (undo != null) {
      throw new IllegalStateException("transactions do not nest");
    }
    undo = new HashMap<>();
    try {
      T result = work.apply(this);
      undo = null;
      return result;
    } catch (RuntimeException | Error e) {
      undo.forEach((key, old) -> old.ifPresentOrElse(v -> entries.put(key, v), () -> entries.remove(key)));
      undo = null;
      throw e;
    }
  }

  private void remember(String key) {
    if (undo == null) {
      throw new IllegalStateException("writes need a transaction");
    }
    undo.putIfAbsent(key, Optional.ofNullable(entries.get(key)));
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public void put(String key, String value) {
    remember(key);
    entries.put(key, value);
  }

  @Override
  public void delete(String key) {
    remember(key);
    entries.remove(key);
  }

  @Override
  public List<Map.Entry<String, String>> range(String from, String to, boolean descending, int limit) {
    NavigableMap<String, String> view = entries.subMap(from, true, to, false);
    if (descending) {
      view = view.descendingMap();
    }
    List<Map.Entry<String, String>> result = new ArrayList<>();
    for (Map.Entry<String, String> e : view.entrySet()) {
      if (result.size() == limit) {
        break;
      }
      result.add(Map.entry(e.getKey(), e.getValue()));
    }
    return result;
  }

  @Override
  public void deleteRange(String from, String to) {
    for (String key : new ArrayList<>(entries.subMap(from, true, to, false).keySet())) {
      delete(key);
    }
  }

  /** How many keys are stored. */
  public synchronized int size() {
    return entries.size();
  }

  /** A copy of everything stored. */
  public synchronized Map<String, String> snapshot() {
    return new TreeMap<>(entries);
  }
}
