package dev.lpnode.gateway.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.discovery.Discovered;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentException;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.selection.OrchestratorSession;
import dev.lpnode.gateway.selection.SessionPool;
import dev.lpnode.gateway.selection.Suspender;
import dev.lpnode.payments.sender.TicketParamsException;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's transcoding (go-livepeer's processSegment over a BroadcastSessionsManager): its
 * session pool, filled by discovery when the stream starts and refreshed when it runs low, and
 * for each segment up to {@code -maxAttempts} attempts on different orchestrators. A result that
 * fails verification is retried elsewhere twice; after the third failure the best result so far
 * (signature valid, pixel counts closest) is accepted, as go-livepeer's verification policy does.
 */
final class StreamTranscoder {
  private static final Logger LOG = LoggerFactory.getLogger(StreamTranscoder.class);
  /** go-livepeer asks trusted pools for at most 2 × HTTPTimeout / SegLen orchestrators at once. */
  static final int MAX_TRUSTED_ORCHS = 8;
  /** go-livepeer's prefix for a segment that failed every attempt. */
  static final String MAX_ATTEMPTS = "Hit max transcode attempts: ";

  private final Services services;
  private final String manifestId;
  private final Capabilities job;
  private Future<SessionPool> pool;
  private Future<Void> refreshing;

  StreamTranscoder(Services services, String manifestId, List<VideoProfile> profiles, String inputCodec) {
    this.services = services;
    this.manifestId = manifestId;
    this.job = JobCapabilities.of(profiles, inputCodec, services.settings().minVersion());
  }

  /** What an attempt loop carries from one attempt to the next. */
  private static final class Attempts {
    int made;
    int verificationFailures;
    /** With no session to select, an attempt waits once for a discovery refresh under way. */
    boolean waitedForRefresh;
    final List<AttemptFailure.Candidate> candidates = new ArrayList<>();
  }

  Future<List<Rendition>> transcode(SourceSegment segment) {
    long started = services.nanoClock().getAsLong();
    services.metrics().segmentEmerged();
    return pool()
        .compose(p -> attempt(p, segment, new Attempts()))
        .map(success -> {
          services.metrics().segmentTranscoded(Duration.ofNanos(services.nanoClock().getAsLong() - started),
              success.reportedPixels());
          return success.renditions();
        })
        .onFailure(e -> services.metrics().segmentFailed(errorCode(e)));
  }

  /**
   * A bounded label for a failed segment (messages carry URLs and numbers): go-livepeer's
   * non-retryable error it matched, or what kind of failure it was.
   */
  static String errorCode(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    for (String error : SegmentException.NON_RETRYABLE_ERRORS) {
      if (message.contains(error)) {
        return error;
      }
    }
    if (failure instanceof SegmentException e) {
      return switch (e.kind()) {
        case NO_SESSIONS -> "NoOrchestrators";
        case NON_RETRYABLE -> "NonRetryable";
        case FAILED -> message.startsWith(MAX_ATTEMPTS) ? "MaxAttempts" : "Unknown";
      };
    }
    return "Unknown";
  }

  private Future<SegmentAttempt.Success> attempt(SessionPool pool, SourceSegment segment, Attempts attempts) {
    if (pool.needsRefresh()) {
      refresh(pool);
    }
    long durationNanos = segment.durationMs() * 1_000_000L;
    OrchestratorSession session = pool.select(durationNanos).orElse(null);
    if (session == null) {
      Future<Void> pending = currentRefresh();
      if (pending != null && !attempts.waitedForRefresh) {
        attempts.waitedForRefresh = true;
        return pending.compose(v -> attempt(pool, segment, attempts));
      }
      LOG.warn("stream {} segment {}: no orchestrator available", manifestId, segment.seq());
      return Future.failedFuture(new SegmentException(SegmentException.Kind.NO_SESSIONS, "No sessions available"));
    }
    attempts.made++;
    attempts.waitedForRefresh = false;
    return new SegmentAttempt(services, pool, session, segment, job).run().recover(e -> {
      AttemptFailure failure = e instanceof AttemptFailure f ? f : new AttemptFailure(AttemptFailure.Kind.RETRYABLE, e.toString());
      if (failure.kind() == AttemptFailure.Kind.NON_RETRYABLE) {
        return Future.failedFuture(new SegmentException(SegmentException.Kind.NON_RETRYABLE, failure.getMessage()));
      }
      if (failure.kind() == AttemptFailure.Kind.VERIFICATION) {
        attempts.verificationFailures++;
        if (failure.candidate() != null) {
          attempts.candidates.add(failure.candidate());
        }
        if (attempts.verificationFailures > TranscodeSettings.VERIFICATION_RETRIES && !attempts.candidates.isEmpty()) {
          AttemptFailure.Candidate best = attempts.candidates.stream()
              .max(Comparator.comparingDouble(AttemptFailure.Candidate::score)).orElseThrow();
          LOG.warn("stream {} segment {}: accepting the best of {} results that failed verification", manifestId,
              segment.seq(), attempts.candidates.size());
          return Future.succeededFuture(new SegmentAttempt.Success(best.renditions(), best.reportedPixels()));
        }
      }
      if (attempts.made >= services.settings().maxAttempts()) {
        return Future.failedFuture(new SegmentException(SegmentException.Kind.FAILED,
            MAX_ATTEMPTS + failure.getMessage()));
      }
      return attempt(pool, segment, attempts);
    });
  }

  /** The stream's pool, filled by a first discovery; retried at the next segment while no orchestrator is known. */
  private synchronized Future<SessionPool> pool() {
    if (pool == null || pool.failed()) {
      pool = services.discovery().candidates()
          .recover(e -> Future.succeededFuture(List.of()))
          .compose(candidates -> {
            int numOrchs = Math.min(candidates.size(), MAX_TRUSTED_ORCHS);
            SessionPool created = new SessionPool(candidates.size(), numOrchs, new Suspender(),
                services.settings().stakes(), services.algorithm(), services.random()::nextDouble,
                services.nanoClock(), services.metrics()::orchestratorSwapped);
            return refresh(created).map(created);
          })
          .compose(created -> created.numOrchs() == 0
              ? Future.failedFuture(new SegmentException(SegmentException.Kind.NO_SESSIONS, "No sessions available"))
              : Future.succeededFuture(created));
    }
    return pool;
  }

  private synchronized Future<Void> currentRefresh() {
    return refreshing;
  }

  /** go-livepeer's refreshSessions: one at a time; suspensions count refreshes. */
  private synchronized Future<Void> refresh(SessionPool target) {
    if (refreshing != null) {
      return refreshing;
    }
    target.suspender().signalRefresh();
    Future<Void> running = services.discovery().discover(target.numOrchs(), target.suspender(), job)
        .map(found -> {
          target.add(sessions(found));
          return (Void) null;
        });
    refreshing = running;
    running.onComplete(done -> {
      synchronized (this) {
        refreshing = null;
      }
    });
    return running;
  }

  private List<OrchestratorSession> sessions(List<Discovered> found) {
    List<OrchestratorSession> sessions = new ArrayList<>();
    for (Discovered d : found) {
      try {
        sessions.add(new OrchestratorSession(d.info(), services.payments().startSession(d.info())));
      } catch (TicketParamsException e) {
        LOG.warn("stream {}: not using {}: {}", manifestId, d.uri(), e.getMessage());
      }
    }
    return sessions;
  }

  /** The stream is over: orchestrators are told they may free its sessions; completes when they answered. */
  synchronized Future<Void> end() {
    if (pool == null || !pool.succeeded()) {
      return Future.succeededFuture();
    }
    List<Future<?>> ended = new ArrayList<>();
    for (OrchestratorSession s : pool.result().sessions()) {
      ended.add(services.client().endTranscodingSession(s.info().getTranscoder(), EndTranscodingSessionRequest.newBuilder()
          .setAuthToken(s.info().getAuthToken()).build())
          .onFailure(e -> LOG.debug("stream {}: EndTranscodingSession at {}: {}", manifestId, s, e.getMessage())));
    }
    pool.result().finish();
    return Future.join(ended).mapEmpty();
  }
}
