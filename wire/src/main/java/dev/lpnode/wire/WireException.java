package dev.lpnode.wire;

/** A wire message the node cannot accept; the message is go-livepeer's error text. */
public final class WireException extends RuntimeException {
  public WireException(String message) {
    super(message);
  }
}
