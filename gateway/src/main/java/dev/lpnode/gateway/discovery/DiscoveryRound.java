package dev.lpnode.gateway.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The waiting rule of one discovery (go-livepeer's GetOrchestrators), as a state machine fed with
 * answers and timer ticks, so it is tested without clocks. Every candidate is asked at once. The
 * round ends when all have answered, when enough were accepted, when a timer fires with at least
 * one accepted, or at the {@value #CUTOFF_MS} ms cutoff. The first timer is {@code -discoveryTimeout};
 * while nothing is accepted each next timer waits twice as long (capped at the cutoff). Accepted
 * orchestrators keep the order they answered in (fastest first); suspended ones fill the places
 * left, lowest penalty first.
 */
public final class DiscoveryRound {
  /** go-livepeer's maxGetOrchestratorCutoffTimeout. */
  public static final long CUTOFF_MS = 6_000;

  private record Suspended(Discovered orchestrator, long penalty, long order) {}

  private final int candidates;
  private final int wanted;
  private final List<Discovered> accepted = new ArrayList<>();
  private final PriorityQueue<Suspended> suspended = new PriorityQueue<>(
      Comparator.comparingLong(Suspended::penalty).thenComparingLong(Suspended::order));
  private long nextTimeoutMs;
  private int answers;
  private boolean timedOut;

  /**
   * @param candidates orchestrators asked
   * @param wanted     how many the stream wants (at most {@code candidates} count)
   * @param timeoutMs  {@code -discoveryTimeout}
   */
  public DiscoveryRound(int candidates, int wanted, long timeoutMs) {
    this.candidates = candidates;
    this.wanted = Math.min(wanted, candidates);
    this.nextTimeoutMs = timeoutMs;
  }

  /** The delay of the first timer. */
  public long firstTimeoutMs() {
    return nextTimeoutMs;
  }

  /** An orchestrator passed its checks; {@code penalty} is its suspension (0 if none). */
  public void accepted(Discovered orchestrator, long penalty) {
    if (done()) {
      return;
    }
    answers++;
    if (penalty == 0) {
      accepted.add(orchestrator);
    } else {
      suspended.add(new Suspended(orchestrator, penalty, answers));
    }
  }

  /** An orchestrator failed to answer or was rejected. */
  public void rejected() {
    if (!done()) {
      answers++;
    }
  }

  /**
   * The current timer fired; returns the delay of the next one (go-livepeer re-arms the timer with
   * the current timeout, then doubles it).
   */
  public long timerFired() {
    if (!accepted.isEmpty()) {
      timedOut = true;
    }
    long delay = nextTimeoutMs;
    nextTimeoutMs = Math.min(CUTOFF_MS, nextTimeoutMs * 2);
    return delay;
  }

  /** The cutoff passed. */
  public void cutoff() {
    timedOut = true;
  }

  public boolean done() {
    return timedOut || answers >= candidates || accepted.size() >= wanted;
  }

  /** The orchestrators found: accepted in answer order, then suspended ones to make up the number wanted. */
  public List<Discovered> result() {
    List<Discovered> result = new ArrayList<>(accepted);
    PriorityQueue<Suspended> rest = new PriorityQueue<>(suspended);
    while (result.size() < wanted && !rest.isEmpty()) {
      result.add(rest.poll().orchestrator());
    }
    return result;
  }
}
