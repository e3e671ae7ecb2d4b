package dev.lpnode.gateway.stream;

/** A stream cannot start: its manifest ID is live already, or the gateway is at its stream limit. */
public final class StreamRejectedException extends Exception {
  public StreamRejectedException(String message) {
    super(message);
  }
}
