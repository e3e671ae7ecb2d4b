package dev.lpnode.orchestrator.session;

import dev.lpnode.payments.crypto.EthAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The orchestrator's transcoding sessions, with go-livepeer's rules: at most {@code maxSessions}
 * sessions (a new one is refused with {@code OrchestratorCapped}); each session runs its segments
 * one at a time with up to {@value #QUEUE_DEPTH} waiting (more is {@code OrchestratorBusy}); a
 * session idle for {@link #IDLE_TIMEOUT} ends. The last sessions of the cap that {@link
 * AdmissionPriority} reserves start only for priority gateways. Thread-safe.
 */
public final class TranscodeSessions {
  public static final int QUEUE_DEPTH = 4;
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(70);
  public static final String CAPPED = "OrchestratorCapped";
  public static final String BUSY = "OrchestratorBusy";

  private final Clock clock;
  private final Consumer<String> onEnd;
  private final Map<String, Session> sessions = new HashMap<>();
  private final AdmissionPriority priority;
  private int maxSessions;
  /** Sessions the transcoders can take (remote ones come and go); no bound for the node's own engine. */
  private int transcoderCapacity = Integer.MAX_VALUE;

  /** {@code onEnd} runs (outside the lock) when a session ends, to release its transcoder state. */
  public TranscodeSessions(int maxSessions, Clock clock, Consumer<String> onEnd) {
    this(maxSessions, clock, onEnd, AdmissionPriority.NONE);
  }

  public TranscodeSessions(int maxSessions, Clock clock, Consumer<String> onEnd, AdmissionPriority priority) {
    this.maxSessions = maxSessions;
    this.clock = clock;
    this.onEnd = onEnd;
    this.priority = priority;
  }

  /** Whether {@code gateway} may start a session in the reserved ones. Blocking (see {@link AdmissionPriority}). */
  public boolean hasPriority(EthAddress gateway) {
    return priority.hasPriority(gateway);
  }

  /** Sessions admitted at once: the operator's cap, or what the transcoders can take if that is less. */
  public synchronized int maxSessions() {
    return Math.min(maxSessions, transcoderCapacity);
  }

  /** The operator's cap ({@code -maxSessions}, {@code /setMaxSessions}). */
  public synchronized void setMaxSessions(int maxSessions) {
    this.maxSessions = maxSessions;
  }

  /** What the transcoders can take now: the sum of the registered remote transcoders' capacities. */
  public synchronized void setTranscoderCapacity(int capacity) {
    this.transcoderCapacity = capacity;
  }

  /** Sessions of the cap only priority gateways may start now. */
  public synchronized int reservedSessions() {
    int max = maxSessions();
    return Math.min(max, priority.reserved(max));
  }

  public synchronized int activeSessions() {
    return sessions.size();
  }

  /** Whether a new session could start now for a gateway with or without priority (GetOrchestrator's capacity check). */
  public synchronized boolean hasCapacity(boolean priorityGateway) {
    return sessions.size() < cap(priorityGateway);
  }

  /** Whether {@code sessionId} may send a segment: it exists already, or there is room for it. */
  public synchronized boolean admits(String sessionId, boolean priorityGateway) {
    return sessions.containsKey(sessionId) || sessions.size() < cap(priorityGateway);
  }

  public synchronized boolean exists(String sessionId) {
    return sessions.containsKey(sessionId);
  }

  /** How many sessions may run when a gateway starts a new one. */
  private int cap(boolean priorityGateway) {
    return priorityGateway ? maxSessions() : maxSessions() - reservedSessions();
  }

  /**
   * Queues {@code job} behind the session's earlier segments, creating the session if there is
   * capacity for its gateway. The returned future fails with {@link SessionException} ({@code OrchestratorCapped}
   * or {@code OrchestratorBusy}) without running the job when it cannot be queued.
   */
  public <T> CompletableFuture<T> submit(String sessionId, boolean priorityGateway, Supplier<CompletableFuture<T>> job) {
    Session session;
    synchronized (this) {
      session = sessions.get(sessionId);
      if (session == null) {
        if (sessions.size() >= cap(priorityGateway)) {
          return CompletableFuture.failedFuture(new SessionException(CAPPED));
        }
        session = new Session();
        sessions.put(sessionId, session);
      }
      // waiting = queued behind the one that runs
      if (session.pending.get() > QUEUE_DEPTH) {
        return CompletableFuture.failedFuture(new SessionException(BUSY));
      }
      session.pending.incrementAndGet();
      session.lastUsed = clock.instant();
    }
    return session.enqueue(job, this::touch, sessionId);
  }

  private synchronized void touch(String sessionId) {
    Session s = sessions.get(sessionId);
    if (s != null) {
      s.lastUsed = clock.instant();
    }
  }

  /** Ends a session now (EndTranscodingSession); segments already queued still finish. */
  public void end(String sessionId) {
    boolean removed;
    synchronized (this) {
      removed = sessions.remove(sessionId) != null;
    }
    if (removed) {
      onEnd.accept(sessionId);
    }
  }

  /** Ends every session with nothing queued that has been idle for {@link #IDLE_TIMEOUT}. Call periodically. */
  public void expireIdle() {
    List<String> expired = new ArrayList<>();
    synchronized (this) {
      Instant cutoff = clock.instant().minus(IDLE_TIMEOUT);
      sessions.entrySet().removeIf(e -> {
        boolean idle = e.getValue().pending.get() == 0 && e.getValue().lastUsed.isBefore(cutoff);
        if (idle) {
          expired.add(e.getKey());
        }
        return idle;
      });
    }
    expired.forEach(onEnd);
  }

  /** Why a segment could not be queued; the message is go-livepeer's error string. */
  public static final class SessionException extends RuntimeException {
    public SessionException(String message) {
      super(message, null, false, false);
    }
  }

  private final class Session {
    final AtomicInteger pending = new AtomicInteger();
    Instant lastUsed = clock.instant();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    synchronized <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> job, Consumer<String> touch, String sessionId) {
      CompletableFuture<T> result = tail.handle((ignored, error) -> null).thenCompose(ignored -> {
        try {
          return job.get();
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      });
      CompletableFuture<T> done = result.whenComplete((r, e) -> {
        pending.decrementAndGet();
        touch.accept(sessionId);
      });
      tail = done;
      return done;
    }
  }
}
