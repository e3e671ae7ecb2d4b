package dev.lpnode.gateway.selection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * One stream's orchestrator sessions (go-livepeer's SessionPool). For each segment {@link #select}
 * picks a session: the last one again if its oldest segment in flight went out less than a
 * segment duration ago, else the selector's choice, else the last one if that segment went out
 * less than two durations ago. A session that fails is suspended and removed; discovery refreshes
 * add new ones when fewer than {@link #refreshThreshold()} remain. Time comes from the clock given.
 *
 * <p>One refinement: where go-livepeer gives up on a segment when the stream's only usable session
 * is still busy after two durations (a slow start, a burst), the segment is queued on that
 * session while it has fewer than {@value #MAX_QUEUED} segments in flight, the depth of an
 * orchestrator's session queue. Thread-safe.
 */
public final class SessionPool {
  /** go-livepeer's maxRefreshSessionsThreshold. */
  static final int MAX_REFRESH_THRESHOLD = 8;
  /** go-livepeer's orchestrator queues 4 segments per session; more are refused with OrchestratorBusy. */
  static final int MAX_QUEUED = 4;

  private final int poolSize;
  private final int numOrchs;
  private final Suspender suspender;
  private final MinLatencySelector selector;
  private final LongSupplier nanoClock;
  private final Runnable onSwap;
  private final Map<String, OrchestratorSession> sessions = new HashMap<>();
  private List<OrchestratorSession> last = List.of();
  private boolean finished;

  /**
   * @param poolSize  orchestrators known to discovery
   * @param numOrchs  orchestrators asked for per discovery
   * @param onSwap    called when a stream moves from one orchestrator to another (go-livepeer's
   *                  orchestrator_swaps)
   */
  public SessionPool(int poolSize, int numOrchs, Suspender suspender, StakeWeights stakes,
      ProbabilitySelection algorithm, DoubleSupplier random, LongSupplier nanoClock, Runnable onSwap) {
    this.poolSize = poolSize;
    this.numOrchs = numOrchs;
    this.suspender = suspender;
    this.selector = new MinLatencySelector(stakes, algorithm, random);
    this.nanoClock = nanoClock;
    this.onSwap = onSwap;
  }

  public Suspender suspender() {
    return suspender;
  }

  public int numOrchs() {
    return numOrchs;
  }

  /** min(8, ceil(numOrchs / 2)): below this many selectable sessions, discovery refreshes. */
  public int refreshThreshold() {
    return Math.min(MAX_REFRESH_THRESHOLD, (numOrchs + 1) / 2);
  }

  /** Whether a discovery refresh should start (go-livepeer checks before every selection). */
  public synchronized boolean needsRefresh() {
    return !finished && selector.size() < refreshThreshold();
  }

  /** Adds what a refresh found; sessions for orchestrators already in the pool are ignored. */
  public synchronized void add(List<OrchestratorSession> discovered) {
    if (finished) {
      return;
    }
    List<OrchestratorSession> fresh = new ArrayList<>();
    for (OrchestratorSession s : discovered) {
      if (sessions.putIfAbsent(s.transcoder(), s) == null) {
        fresh.add(s);
      }
    }
    selector.add(fresh);
  }

  /**
   * The session for the next segment, which is counted as in flight on it; empty if none is
   * available (the segment cannot be transcoded now).
   */
  public synchronized Optional<OrchestratorSession> select(long segmentDurationNanos) {
    if (poolSize == 0) {
      return Optional.empty();
    }
    long now = nanoClock.getAsLong();
    OrchestratorSession selected = null;
    while (selected == null && (selector.size() > 0 || !last.isEmpty())) {
      OrchestratorSession candidate = reusableLast(now, 1);
      boolean fromLast = candidate != null;
      if (candidate == null) {
        candidate = selector.select().orElse(null);
      }
      if (candidate == null) {
        candidate = reusableLast(now, 2);
        fromLast = candidate != null;
      }
      if (candidate == null) {
        candidate = queueableLast();
        fromLast = candidate != null;
      }
      if (candidate == null) {
        break;
      }
      if (sessions.get(candidate.transcoder()) == candidate) {
        selected = candidate;
      } else if (fromLast) {
        // Removed after a failure while it still had segments out: stop tracking them.
        OrchestratorSession removed = candidate;
        removed.forgetInFlight();
        last = last.stream().filter(s -> s != removed).toList();
        onSwap.run();
      }
    }
    if (selected == null) {
      last = List.of();
      return Optional.empty();
    }
    for (OrchestratorSession previous : last) {
      if (previous != selected) {
        onSwap.run();
      }
    }
    last = List.of(selected);
    selected.segmentSent(now, segmentDurationNanos);
    return Optional.of(selected);
  }

  private OrchestratorSession queueableLast() {
    for (OrchestratorSession s : last) {
      if (s.inFlight() < MAX_QUEUED) {
        return s;
      }
    }
    return null;
  }

  private OrchestratorSession reusableLast(long now, int multiple) {
    for (OrchestratorSession s : last) {
      if (s.reusableWhileInFlight(now, multiple)) {
        return s;
      }
    }
    return null;
  }

  /**
   * A segment came back from {@code session} (its latency score updated): once none is in flight
   * it is selectable again.
   */
  public synchronized void complete(OrchestratorSession session) {
    if (sessions.get(session.transcoder()) != session) {
      return; // removed meanwhile, perhaps discovered again as a new session
    }
    if (session.segmentDone() == 0) {
      selector.complete(session);
    }
  }

  /**
   * A retryable failure: the orchestrator is suspended for ceil(poolSize / numOrchs) refreshes and
   * its session removed.
   */
  public synchronized void suspendAndRemove(OrchestratorSession session) {
    long penalty = (long) Math.ceil(Math.max(1, poolSize) / (double) Math.max(1, numOrchs));
    suspender.suspend(session.transcoder(), penalty);
    remove(session);
  }

  public synchronized void remove(OrchestratorSession session) {
    sessions.remove(session.transcoder(), session);
  }

  /** Sessions in the pool (selectable or in use). */
  public synchronized List<OrchestratorSession> sessions() {
    return List.copyOf(sessions.values());
  }

  /** The stream ended: nothing more is selected or added. */
  public synchronized void finish() {
    finished = true;
    last = List.of();
    selector.clear();
    sessions.clear();
  }
}
