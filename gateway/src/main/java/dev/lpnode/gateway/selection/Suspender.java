package dev.lpnode.gateway.selection;

import java.util.HashMap;
import java.util.Map;

/**
 * Orchestrators suspended for a number of discovery refreshes (go-livepeer's suspender): a
 * suspension adds its penalty, and lasts until that many refreshes have been signalled.
 * Discovery uses a suspended orchestrator only when there are too few others, lowest penalty
 * first. Keyed by service URI. Thread-safe.
 */
public final class Suspender {
  private final Map<String, Long> until = new HashMap<>();
  private long refreshes;

  /** Suspends {@code orchestrator} for {@code penalty} more refreshes. */
  public synchronized void suspend(String orchestrator, long penalty) {
    until.merge(orchestrator, penalty, Long::sum);
  }

  /** 0 if {@code orchestrator} is not suspended, else its penalty (lower is better). */
  public synchronized long suspended(String orchestrator) {
    Long value = until.get(orchestrator);
    if (value == null) {
      return 0;
    }
    if (value < refreshes) {
      until.remove(orchestrator);
      return 0;
    }
    return value;
  }

  /** A discovery refresh started: suspensions move one refresh closer to their end. */
  public synchronized void signalRefresh() {
    refreshes++;
  }
}
