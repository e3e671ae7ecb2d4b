package dev.lpnode.ledger.api;

import dev.lpnode.payments.crypto.EthAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The nonces of signed requests accepted while their timestamps are fresh, so none is accepted
 * twice; a nonce is forgotten once its request would be refused as stale anyway. Bounded: when
 * {@code capacity} fresh nonces are held, new requests are refused until some expire.
 */
final class SeenNonces {
  private final int capacity;
  private final Map<String, Long> expiries = new HashMap<>();

  SeenNonces(int capacity) {
    this.capacity = capacity;
  }

  enum Outcome { NEW, SEEN, FULL }

  /** Remembers the nonce until {@code expiresMillis}, unless it was seen already or no room is left. */
  synchronized Outcome add(EthAddress account, String nonce, long expiresMillis, long nowMillis) {
    String key = account.toHex() + "/" + nonce.toLowerCase(Locale.ROOT);
    if (expiries.containsKey(key)) {
      return Outcome.SEEN;
    }
    if (expiries.size() >= capacity) {
      for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
        if (it.next() < nowMillis) {
          it.remove();
        }
      }
      if (expiries.size() >= capacity) {
        return Outcome.FULL;
      }
    }
    expiries.put(key, expiresMillis);
    return Outcome.NEW;
  }
}
