package dev.lpnode.gateway.transcode;

import dev.lpnode.gateway.client.OrchestratorCallException;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.client.SegmentReply;
import dev.lpnode.gateway.client.SegmentSubmission;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentException;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.pay.PaymentRefused;
import dev.lpnode.gateway.pay.SegmentPayment;
import dev.lpnode.gateway.selection.OrchestratorSession;
import dev.lpnode.gateway.selection.SessionPool;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.sender.TicketParamsException;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.TranscodeData;
import dev.lpnode.wire.net.TranscodeResult;
import dev.lpnode.wire.net.TranscodedSegmentData;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try at a segment on one orchestrator session, in go-livepeer's order: refresh the session if
 * its auth token is about to expire or its ticket params expired; pay and sign; submit; download
 * every rendition; verify. A failure suspends and removes the session, except a non-retryable
 * error, after which the session stays usable. Fails with an {@link AttemptFailure}.
 */
final class SegmentAttempt {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentAttempt.class);
  /** go-livepeer's authTokenValidPeriod (30 min) × authTokenExpireBuffer (10 %). */
  static final long AUTH_TOKEN_REFRESH_SECONDS = 180;

  /** Verified renditions and the pixels the orchestrator reported for them. */
  record Success(List<Rendition> renditions, long reportedPixels) {}

  private record Prepared(SegmentPayment payment, String segmentHeader) {}

  private record Submitted(OrchestratorInfo info, TranscodeData data) {}

  private final Services services;
  private final SessionPool pool;
  private final OrchestratorSession session;
  private final SourceSegment segment;
  private final Capabilities job;

  SegmentAttempt(Services services, SessionPool pool, OrchestratorSession session, SourceSegment segment,
      Capabilities job) {
    this.services = services;
    this.pool = pool;
    this.session = session;
    this.segment = segment;
    this.job = job;
  }

  Future<Success> run() {
    return refreshIfNeeded()
        .compose(v -> prepare())
        .compose(this::submit)
        .compose(this::downloadAndVerify)
        .onSuccess(done -> pool.complete(session));
  }

  /** go-livepeer's shouldRefreshSession and refreshSession. */
  private Future<Void> refreshIfNeeded() {
    return services.workers().executeBlocking(this::needsRefresh, false)
        .compose(refresh -> refresh
            ? services.client().getOrchestrator(session.info().getTranscoder(),
                services.credentials().orchestratorRequest(job), OrchestratorClient.REFRESH_TIMEOUT_MS)
                .map(info -> {
                  session.update(info, paymentSession(info));
                  return (Void) null;
                })
            : Future.<Void>succeededFuture())
        .recover(e -> retryable("refreshing session: " + e.getMessage()));
  }

  private boolean needsRefresh() throws TicketParamsException {
    OrchestratorInfo info = session.info();
    if (!info.hasAuthToken()) {
      throw new TicketParamsException("missing auth token");
    }
    if (authTokenExpiring(info, services.clock().instant().getEpochSecond())) {
      return true;
    }
    if (!services.payments().enabled()) {
      return false;
    }
    if (session.payments() == null) {
      return true;
    }
    try {
      services.payments().validate(session.payments());
      return false;
    } catch (TicketParamsException e) {
      if (e.expired()) {
        return true;
      }
      throw e;
    }
  }

  /** Whether the session's auth token is in the last 10 % of its 30 minutes (go-livepeer refreshes it then). */
  static boolean authTokenExpiring(OrchestratorInfo info, long nowEpochSeconds) {
    return nowEpochSeconds > info.getAuthToken().getExpiration() - AUTH_TOKEN_REFRESH_SECONDS;
  }

  /** Payment and signed segment header, off the event loop (ledger reads, hashing, signing). */
  private Future<Prepared> prepare() {
    OrchestratorInfo info = session.info();
    return services.workers().executeBlocking(() -> {
      String header = services.credentials().segmentHeader(segment.manifestId(), segment.seq(), segment.data(),
          segment.durationMs(), segment.stream().profiles(), job, info.getAuthToken());
      // Last, so that nothing can fail between reserving the credit and submitting (which settles it).
      SegmentPayment payment = services.payments().pay(session, segment.stream().profiles(), segment.durationMs());
      return new Prepared(payment, header);
    }, false).recover(e -> {
      if (e instanceof PaymentRefused) {
        services.metrics().paymentCreateError();
      }
      return retryable("creating payment: " + e.getMessage());
    });
  }

  private Future<Submitted> submit(Prepared prepared) {
    SegmentPayment payment = prepared.payment();
    OrchestratorInfo info = session.info();
    SegmentSubmission submission = new SegmentSubmission(info.getTranscoder(), prepared.segmentHeader(),
        payment.header(), segment.data(), segment.durationMs());
    return services.client().submitSegment(submission)
        .transform(done -> {
          boolean reached = done.succeeded() || (done.cause() instanceof OrchestratorCallException e && e.reached());
          if (reached) {
            payment.reached();
            services.metrics().ticketsSent(payment.tickets(), payment.value());
          }
          if (done.failed()) {
            payment.complete();
            return failed(done.cause().getMessage());
          }
          SegmentReply reply = done.result();
          TranscodeResult result = reply.result();
          if (result.hasData()) {
            payment.received(result.getData().getSegmentsList().stream().mapToLong(TranscodedSegmentData::getPixels).sum());
          }
          payment.complete();
          if (!result.hasData()) {
            return failed(result.getError().isEmpty() ? "UnknownResponse" : result.getError());
          }
          services.metrics().submitted(Duration.ofNanos(reply.uploadNanos()),
              Duration.ofNanos(reply.totalNanos() - reply.uploadNanos()));
          session.latencyScore(reply.totalNanos() / 1e9 / Math.max(1.5, segment.durationMs() / 1000.0));
          if (result.hasInfo()) {
            session.update(result.getInfo(), paymentSession(result.getInfo()));
          }
          return Future.succeededFuture(new Submitted(info, result.getData()));
        });
  }

  private Future<Success> downloadAndVerify(Submitted submitted) {
    long started = services.nanoClock().getAsLong();
    List<Future<byte[]>> downloads = submitted.data().getSegmentsList().stream()
        .map(s -> services.client().download(submitted.info().getTranscoder(), s.getUrl())).toList();
    return Future.all(downloads)
        .recover(e -> retryable("downloading renditions: " + e.getMessage()))
        .compose(all -> {
          services.metrics().downloaded(Duration.ofNanos(services.nanoClock().getAsLong() - started));
          List<byte[]> bytes = downloads.stream().map(Future::result).toList();
          return services.workers().executeBlocking(() -> ResultVerifier.verify(submitted.info(), submitted.data(),
              bytes, segment.stream().profiles(), services.settings().localVerify(), services.evidence()), false);
        })
        .map(renditions -> new Success(renditions, submitted.data().getSegmentsList().stream()
            .mapToLong(TranscodedSegmentData::getPixels).sum()))
        .recover(e -> {
          if (e instanceof AttemptFailure f && f.kind() == AttemptFailure.Kind.VERIFICATION) {
            LOG.warn("stream {} segment {}: {} failed verification: {}", segment.manifestId(), segment.seq(),
                session, f.getMessage());
            pool.suspendAndRemove(session);
            return Future.failedFuture(f);
          }
          return e instanceof AttemptFailure ? Future.failedFuture(e) : retryable("verifying: " + e);
        });
  }

  /** An error from the orchestrator or the transport: non-retryable ones leave the session usable. */
  private <T> Future<T> failed(String error) {
    if (SegmentException.isNonRetryable(error)) {
      pool.complete(session);
      return Future.failedFuture(new AttemptFailure(AttemptFailure.Kind.NON_RETRYABLE, error));
    }
    return retryable(error);
  }

  private <T> Future<T> retryable(String error) {
    LOG.warn("stream {} segment {}: {} failed: {}", segment.manifestId(), segment.seq(), session, error);
    pool.suspendAndRemove(session);
    return Future.failedFuture(new AttemptFailure(AttemptFailure.Kind.RETRYABLE, error));
  }

  /**
   * The payment session on new params. Params the sender cannot parse leave none, so the next
   * payment fails and the orchestrator is suspended then, as go-livepeer validates only when paying.
   */
  private SenderSession paymentSession(OrchestratorInfo info) {
    try {
      return services.payments().startSession(info);
    } catch (TicketParamsException e) {
      LOG.warn("{} sent ticket params that cannot be used: {}", session, e.getMessage());
      return null;
    }
  }
}
