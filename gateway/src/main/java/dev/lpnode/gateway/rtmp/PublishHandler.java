package dev.lpnode.gateway.rtmp;

import io.vertx.core.Future;

/**
 * Decides whether a publication may start and where its media goes. Called on the connection's
 * event loop; the answer may come later (an auth webhook), on that same context.
 */
@FunctionalInterface
public interface PublishHandler {
  /**
   * @return the sink for the publication's media, or a failure (a {@link PublishException} for a
   *     bad name, a stream already live, too many streams, a refusal) that refuses it
   */
  Future<PublishSink> onPublish(PublishRequest request);
}
