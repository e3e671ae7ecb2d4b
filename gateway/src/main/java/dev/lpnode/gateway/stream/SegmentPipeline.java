package dev.lpnode.gateway.stream;

import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentException;
import dev.lpnode.gateway.ingest.SegmentProcessor;
import dev.lpnode.gateway.ingest.SourceSegment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a source segment to the playlists: hands the segment to the {@link SegmentProcessor}, then
 * lists the source and the renditions in the stream's playlists, in the order segments were
 * received. At most {@code maxInFlight} segments of a stream are processed at once (more are
 * refused, so a stalled processor cannot pile up memory), and a processor that does not answer
 * within go-livepeer's segment timeout (4 × the duration, at least {@link #MIN_TIMEOUT_MS}) fails
 * the segment.
 */
public final class SegmentPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentPipeline.class);
  /** go-livepeer's HTTPTimeout: the least a segment is given. */
  public static final long MIN_TIMEOUT_MS = 8_000;

  private final Vertx vertx;
  private final SegmentProcessor processor;
  private final int maxInFlight;
  private final long minTimeoutMs;
  private final LongSupplier nanoClock;
  private final IngestStats stats = new IngestStats();

  public SegmentPipeline(Vertx vertx, SegmentProcessor processor, int maxInFlight, long minTimeoutMs,
      LongSupplier nanoClock) {
    this.vertx = vertx;
    this.processor = processor;
    this.maxInFlight = maxInFlight;
    this.minTimeoutMs = minTimeoutMs;
    this.nanoClock = nanoClock;
  }

  public IngestStats stats() {
    return stats;
  }

  /**
   * Takes a segment whose bytes may still be being prepared (remuxed): its place in the stream's
   * order is fixed now. Completes with the processor's renditions (what an HTTP push client gets
   * back), or fails with a {@link SegmentException}.
   *
   * @param receivedNanos when the segment was complete at the gateway (the {@code nanoClock}'s
   *                      time), from which the latency to "listed" is measured
   */
  public Future<List<Rendition>> submit(LiveStream stream, Future<SourceSegment> pending, long receivedNanos) {
    stats.received();
    PublishOrder<LiveStream.Processed> order = stream.order();
    if (order.pending() >= maxInFlight) {
      stats.dropped();
      LOG.warn("stream {}: dropping a segment, {} are still being processed", stream.manifestId(), maxInFlight);
      return Future.failedFuture(new SegmentException(SegmentException.Kind.FAILED,
          "too many segments in flight for stream " + stream.manifestId()));
    }
    PublishOrder.Ticket<LiveStream.Processed> ticket = order.reserve();
    return pending
        .compose(segment -> process(segment).onSuccess(renditions -> release(stream, order.complete(ticket,
            new LiveStream.Processed(segment.seq(), segment.durationMs(), withSource(segment, renditions),
                receivedNanos)))))
        .onFailure(e -> {
          stats.failed();
          LOG.warn("stream {}: segment failed: {}", stream.manifestId(), e.getMessage());
          release(stream, order.fail(ticket));
        });
  }

  private Future<List<Rendition>> process(SourceSegment segment) {
    Promise<List<Rendition>> result = Promise.promise();
    long timeoutMs = Math.max(minTimeoutMs, 4 * segment.durationMs());
    long timer = vertx.setTimer(timeoutMs, id -> result.tryFail(new SegmentException(SegmentException.Kind.FAILED,
        "segment " + segment.seq() + " not processed within " + timeoutMs + " ms")));
    Future<List<Rendition>> processed;
    try {
      processed = processor.process(segment);
    } catch (RuntimeException e) {
      processed = Future.failedFuture(e);
    }
    processed.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }

  /** The renditions for the playlists: the source first, unless the processor returned it itself. */
  private static List<Rendition> withSource(SourceSegment segment, List<Rendition> renditions) {
    List<Rendition> all = new ArrayList<>(renditions.size() + 1);
    if (renditions.stream().noneMatch(r -> r.name().equals(Rendition.SOURCE))) {
      all.add(Rendition.source(segment));
    }
    all.addAll(renditions);
    return List.copyOf(all);
  }

  private void release(LiveStream stream, List<LiveStream.Processed> ready) {
    for (LiveStream.Processed p : ready) {
      if (stream.playlists().publish(p.seq(), p.durationMs(), p.renditions())) {
        stats.published(nanoClock.getAsLong() - p.receivedNanos());
      } else {
        stats.dropped();
        LOG.warn("stream {}: segment {} arrived after a newer one and is not listed", stream.manifestId(), p.seq());
      }
    }
    stream.released();
  }
}
