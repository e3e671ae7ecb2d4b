package dev.lpnode.gateway.segmenter;

/** The published stream cannot be segmented (no keyframes, oversized GOP, unsupported codec). */
public final class SegmenterException extends Exception {
  public SegmenterException(String message) {
    super(message);
  }
}
