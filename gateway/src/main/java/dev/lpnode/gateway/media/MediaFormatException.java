package dev.lpnode.gateway.media;

/** Media that cannot be understood: a parameter set, a codec configuration or a whole segment. */
public final class MediaFormatException extends Exception {
  public MediaFormatException(String message) {
    super(message);
  }
}
