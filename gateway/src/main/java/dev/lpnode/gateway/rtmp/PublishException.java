package dev.lpnode.gateway.rtmp;

/** The gateway refuses or ends a publication; the client is told (when it can be) and dropped. */
public final class PublishException extends Exception {
  public PublishException(String message) {
    super(message);
  }
}
