package dev.lpnode.gateway.rtmp;

/** A peer broke the RTMP protocol or one of our limits; the connection is dropped. */
public final class RtmpProtocolException extends Exception {
  public RtmpProtocolException(String message) {
    super(message);
  }
}
