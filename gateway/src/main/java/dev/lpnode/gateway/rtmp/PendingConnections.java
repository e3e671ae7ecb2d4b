package dev.lpnode.gateway.rtmp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections that are not publishing yet, counted per remote address, at most {@code max} for any
 * one address: a client that opens connections and never publishes takes at most that many of the
 * server's places. The map holds only addresses with such connections now.
 */
final class PendingConnections {
  private final int max;
  private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

  PendingConnections(int max) {
    this.max = max;
  }

  /** Counts one more from {@code address}, unless it has {@code max} already. */
  boolean tryAdd(String address) {
    boolean[] added = {false};
    byAddress.compute(address, (a, n) -> {
      int now = n == null ? 0 : n;
      if (now >= max) {
        return n;
      }
      added[0] = true;
      return now + 1;
    });
    return added[0];
  }

  void remove(String address) {
    byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  int count(String address) {
    return byAddress.getOrDefault(address, 0);
  }
}
