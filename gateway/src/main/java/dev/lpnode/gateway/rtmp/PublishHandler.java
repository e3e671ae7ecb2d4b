package dev.lpnode.gateway.rtmp;

/** Decides whether a publication may start and where its media goes. Called on an event loop. */
@FunctionalInterface
public interface PublishHandler {
  /**
   * @return the sink for the publication's media
   * @throws PublishException to refuse it (bad name, stream already live, too many streams)
   */
  PublishSink onPublish(PublishRequest request) throws PublishException;
}
