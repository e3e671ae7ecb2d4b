package dev.lpnode.ledger.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, cached access to a {@link Store} for one transaction. Each key maps to one live entity
 * instance, so rules can modify entities in place like Solidity storage pointers; {@link #flush}
 * writes back whatever changed. Scans flush first, so they see every change made so far.
 */
final class LedgerState {
  private final Store store;
  private final Map<String, Cached> cache = new HashMap<>();
  private final Set<String> changedKeys = new LinkedHashSet<>();

  private static final class Cached {
    final Kind<?> kind;
    final Entity entity;
    String stored;

    Cached(Kind<?> kind, Entity entity, String stored) {
      this.kind = kind;
      this.entity = entity;
      this.stored = stored;
    }
  }

  LedgerState(Store store) {
    this.store = store;
  }

  <E extends Entity> E get(Kind<E> kind, String id) {
    String key = kind.prefix + id;
    Cached cached = cache.get(key);
    if (cached == null) {
      String stored = store.get(key).orElse(null);
      E entity = stored == null ? kind.empty() : kind.decode(stored);
      cached = new Cached(kind, entity, stored);
      cache.put(key, cached);
    }
    @SuppressWarnings("unchecked")
    E entity = (E) cached.entity;
    return entity;
  }

  /** Writes every entity that changed since it was read or last flushed. */
  void flush() {
    for (Map.Entry<String, Cached> e : cache.entrySet()) {
      Cached c = e.getValue();
      String encoded = c.entity.encode();
      String target = encoded.equals(c.kind.zero) ? null : encoded;
      if (!Objects.equals(target, c.stored)) {
        if (target == null) {
          store.delete(e.getKey());
        } else {
          store.put(e.getKey(), target);
        }
        c.stored = target;
        changedKeys.add(e.getKey());
      }
    }
  }

  /** Keys written so far in this transaction. */
  Set<String> changedKeys() {
    return changedKeys;
  }

  /** The ids of stored entities of {@code kind} whose id starts with {@code idPrefix}, in order. */
  List<String> ids(Kind<?> kind, String idPrefix) {
    flush();
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, String> e : store.range(kind.prefix + idPrefix, kind.prefix + idPrefix + Kind.END, false, Integer.MAX_VALUE)) {
      ids.add(e.getKey().substring(kind.prefix.length()));
    }
    return ids;
  }

  /** The id of the last stored entity of {@code kind} with {@code fromId ≤ id < toId}. */
  Optional<String> lastId(Kind<?> kind, String fromId, String toId) {
    flush();
    return store.range(kind.prefix + fromId, kind.prefix + toId, true, 1).stream()
        .map(e -> e.getKey().substring(kind.prefix.length()))
        .findFirst();
  }

  /** The id of the first stored entity of {@code kind} with {@code fromId ≤ id < toId}. */
  Optional<String> firstId(Kind<?> kind, String fromId, String toId) {
    flush();
    return store.range(kind.prefix + fromId, kind.prefix + toId, false, 1).stream()
        .map(e -> e.getKey().substring(kind.prefix.length()))
        .findFirst();
  }

  /** Deletes every entity of {@code kind} with {@code fromId ≤ id < toId}. */
  void deleteRange(Kind<?> kind, String fromId, String toId) {
    flush();
    String from = kind.prefix + fromId;
    String to = kind.prefix + toId;
    store.deleteRange(from, to);
    cache.keySet().removeIf(key -> key.compareTo(from) >= 0 && key.compareTo(to) < 0);
  }
}
