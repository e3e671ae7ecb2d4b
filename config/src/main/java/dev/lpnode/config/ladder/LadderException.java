package dev.lpnode.config.ladder;

/** A transcoding ladder that cannot be used, with a message fit for an operator. */
public final class LadderException extends IllegalArgumentException {
  public LadderException(String message) {
    super(message);
  }
}
