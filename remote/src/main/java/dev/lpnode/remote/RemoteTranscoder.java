package dev.lpnode.remote;

import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.remote.TranscoderMetrics.Failure;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a remote transcoder of an orchestrator (go-livepeer's {@code -transcoder -orchAddr},
 * protocol.md §8): registers its capacity and capabilities, and for each NotifySegment fetches the
 * segment, transcodes it with the local {@link Transcoder} and posts the renditions (or the error)
 * to {@code /transcodeResults}; a NotifySegment without a URL ends its session. Segments are not
 * limited here: the transcoder queues what exceeds its capacity. {@link #drain} finishes what it
 * holds before it closes the stream. Everything runs on one Vert.x context; only the transcoder's
 * own threads do work, and they build the result body.
 */
public final class RemoteTranscoder {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteTranscoder.class);
  private static final ThrottledLog SEGMENT_FAILED = ThrottledLog.warn(LOG);
  static final String DRAINING = "transcoder is shutting down";

  private final Vertx vertx;
  private final Context context;
  private final RemoteTranscoderSettings settings;
  private final Transcoder transcoder;
  private final Capabilities capabilities;
  private final SegmentHttp http;
  private final OrchestratorLink link;
  private final TranscoderMetrics metrics;
  private final SecureRandom random = new SecureRandom();
  private volatile int inFlight;
  private boolean draining;
  private Promise<Void> drained;

  private RemoteTranscoder(Vertx vertx, Context context, RemoteTranscoderSettings settings, Transcoder transcoder,
      MeterRegistry registry, Consumer<String> fatal) {
    this.vertx = vertx;
    this.context = context;
    this.settings = settings;
    this.transcoder = transcoder;
    this.capabilities = settings.capabilities().toNet(settings.version(), settings.capacity());
    this.http = new SegmentHttp(vertx, settings.orchestrator(), settings.secret(), SegmentHttp.MAX_SEGMENT_BYTES);
    RegisterRequest registration = RegisterRequest.newBuilder().setSecret(settings.secret())
        .setCapacity(settings.capacity()).setCapabilities(capabilities).build();
    this.link = new OrchestratorLink(vertx, settings.orchestrator(), registration, this::onSegment, reason -> {
      http.close();
      fatal.accept(reason);
    });
    this.metrics = new TranscoderMetrics(registry, settings.version(), () -> link.status().registered(),
        settings::capacity, () -> inFlight);
  }

  /**
   * Starts registering with the orchestrator and returns at once; registration is retried forever
   * in the background.
   *
   * @param fatal called once, with the reason, if the orchestrator refuses this transcoder for good
   *              ({@code invalid secret}, {@code zero capacity}): the node should exit with status 2
   */
  public static RemoteTranscoder start(Vertx vertx, RemoteTranscoderSettings settings, Transcoder transcoder,
      MeterRegistry registry, Consumer<String> fatal) {
    Context context = vertx.getOrCreateContext();
    RemoteTranscoder remote = new RemoteTranscoder(vertx, context, settings, transcoder, registry, fatal);
    context.runOnContext(v -> remote.link.connect());
    return remote;
  }

  /** Registered with the orchestrator, or why not: what {@code /healthz} reports. */
  public LinkStatus status() {
    return link.status();
  }

  /** Segments being fetched, transcoded or uploaded. */
  public int inFlight() {
    return inFlight;
  }

  private void onSegment(NotifySegment notify) {
    if (SegmentTask.isTeardown(notify)) {
      String session = SegmentTask.sessionId(notify.getSegData());
      LOG.debug("Session {} ended by the orchestrator", session);
      transcoder.endSession(session);
      return;
    }
    SegmentTask task = SegmentTask.of(notify, capabilities);
    inFlight++;
    long started = System.nanoTime();
    if (draining) {
      fail(task, Failure.DRAINING, DRAINING);
    } else if (task.failure() != null) {
      fail(task, task.failure(), task.error());
    } else {
      http.download(task.url()).onComplete(download -> {
        if (download.failed()) {
          fail(task, Failure.DOWNLOAD, "cannot fetch segment " + task.url() + ": " + download.cause().getMessage());
        } else {
          metrics.downloaded(Duration.ofNanos(System.nanoTime() - started));
          transcode(task, download.result(), started);
        }
      });
    }
  }

  private void transcode(SegmentTask task, byte[] segment, long started) {
    Duration remaining = task.deadline().minusNanos(System.nanoTime() - started);
    TranscodeRequest request = new TranscodeRequest(task.sessionId(), task.seq(), segment, task.durationMs(), task.profiles(),
        remaining.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : remaining, !link.orchestratorRecounts());
    long transcodeStarted = System.nanoTime();
    // The body is built on the transcoder's thread, not on the event loop: it copies every rendition.
    transcoder.transcode(request).handle((result, error) -> error == null
            ? success(result, transcodeStarted)
            : failure(task, error))
        .thenAccept(body -> context.runOnContext(v -> upload(task, body)));
  }

  private ResultBody success(TranscodeResult result, long transcodeStarted) {
    metrics.transcoded(Duration.ofNanos(System.nanoTime() - transcodeStarted));
    return ResultBody.renditions(result, ResultBody.randomBoundary(random));
  }

  private ResultBody failure(SegmentTask task, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    logFailure(task, Failure.TRANSCODE, message);
    return ResultBody.error(message);
  }

  private void fail(SegmentTask task, Failure failure, String message) {
    logFailure(task, failure, message);
    upload(task, ResultBody.error(message));
  }

  private void logFailure(SegmentTask task, Failure failure, String message) {
    metrics.failed(failure);
    SEGMENT_FAILED.log("segment " + failure.name().toLowerCase() + " failed", "task {} session {} seq {}: {}", task.taskId(),
        task.sessionId(), task.seq(), message);
  }

  private void upload(SegmentTask task, ResultBody body) {
    long started = System.nanoTime();
    http.postResult(task.taskId(), body, task.deadline()).onComplete(done -> {
      if (done.failed()) {
        metrics.failed(Failure.UPLOAD);
        SEGMENT_FAILED.log("segment upload failed", "task {}: {}", task.taskId(), done.cause().getMessage());
      } else if (done.result().status() / 100 != 2) {
        metrics.failed(Failure.UPLOAD);
        SEGMENT_FAILED.log("segment result refused", "task {}: status {} {}", task.taskId(), done.result().status(),
            done.result().body().toString().trim());
      } else {
        metrics.uploaded(Duration.ofNanos(System.nanoTime() - started), !body.contentType().equals(ResultBody.ERROR_TYPE));
      }
      inFlight--;
      if (inFlight == 0 && drained != null) {
        drained.tryComplete();
      }
    });
  }

  /**
   * Stops taking work (segments that still arrive are answered with an error at once, so the
   * orchestrator sends them elsewhere), waits up to {@code timeout} for the segments in hand to be
   * transcoded and uploaded, then closes the stream and the connections.
   */
  public Future<Void> drain(Duration timeout) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      draining = true;
      drained = Promise.promise();
      if (inFlight == 0) {
        drained.complete();
      } else {
        LOG.info("Draining: waiting up to {} s for {} segments in flight", timeout.toSeconds(), inFlight);
      }
      long timer = vertx.setTimer(timeout.toMillis(), t -> {
        if (drained.tryComplete()) {
          LOG.warn("Drain timed out with {} segments in flight", inFlight);
        }
      });
      drained.future().onComplete(x -> {
        vertx.cancelTimer(timer);
        link.close();
        http.close();
        LOG.info("Deregistered from orchestrator {}", settings.orchestrator());
        done.complete();
      });
    });
    return done.future();
  }
}
