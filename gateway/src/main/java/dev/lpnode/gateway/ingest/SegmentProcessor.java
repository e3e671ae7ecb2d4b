package dev.lpnode.gateway.ingest;

import io.vertx.core.Future;
import java.util.List;

/**
 * The seam between ingest and the rest of the gateway: a source segment goes in, its renditions
 * come out. The transcoding implementation selects orchestrators, pays and verifies; ingest and
 * playback do not change with it.
 *
 * <p>Results are published to the stream's playlists together with the source rendition, in
 * segment order, and returned to HTTP push clients. A rendition named {@link Rendition#SOURCE} is
 * the source itself. A failure should be a {@link SegmentException}, whose kind decides the HTTP
 * push status (go-livepeer's 422 for non-retryable errors, 503 when no orchestrator is available).
 */
@FunctionalInterface
public interface SegmentProcessor {
  /** Called on an event loop; must not block. */
  Future<List<Rendition>> process(SourceSegment segment);

  /** The stream is gone (ended and no longer served): whatever is kept for it can go. */
  default void streamEnded(String manifestId) {}
}
