package dev.lpnode.gateway.ingest;

import io.vertx.core.Future;
import java.util.List;

/**
 * Serves the source as the only rendition, as go-livepeer does for segments without video. The
 * processor until transcoding is plugged in, and what a gateway without orchestrators does.
 */
public final class PassthroughProcessor implements SegmentProcessor {
  @Override
  public Future<List<Rendition>> process(SourceSegment segment) {
    return Future.succeededFuture(List.of(Rendition.source(segment)));
  }
}
