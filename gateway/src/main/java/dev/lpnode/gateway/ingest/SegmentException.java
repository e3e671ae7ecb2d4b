package dev.lpnode.gateway.ingest;

import dev.lpnode.transcoder.TranscodeException;
import java.util.List;

/** A segment could not be turned into renditions; {@link Kind} carries go-livepeer's meaning. */
public final class SegmentException extends RuntimeException {
  /** How ingest answers a failed segment. */
  public enum Kind {
    /** The input itself is the problem; retrying elsewhere cannot help. HTTP push: 422. */
    NON_RETRYABLE(422),
    /** No orchestrator could take the segment. HTTP push: 503 "No sessions available". */
    NO_SESSIONS(503),
    /** Anything else. HTTP push: 500. */
    FAILED(500);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  /**
   * go-livepeer's non-retryable transcoding errors (spec/protocol.md §7.3), and lpnode's own refusal of
   * a segment that holds more video than it declares (the input is the problem, so no orchestrator
   * is suspended for it): a segment failing with one of these is not retried and push ingest answers 422.
   */
  public static final List<String> NON_RETRYABLE_ERRORS = List.of(
      "Unsupported input pixel format", "Error initializing filtergraph", "Too many outputs",
      "Unsupported input codec", "No keyframes in input", "Unrecoverable state, restart process",
      "Encoded frames runaway", "Decoder not found", "Demuxer not found", "Encoder not found", "Muxer not found",
      "Option not found", "Invalid argument", "TranscoderInvalidResolution", "TranscoderInvalidVideo",
      "TranscoderUnrecognizedFormat", "TranscoderUnrecognizedProfile", "TranscoderInvalidGOP",
      "TranscoderIncompatibleDevices", TranscodeException.Kind.CONTENT_MISMATCH.message());

  private final Kind kind;

  public SegmentException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether an error text carries one of go-livepeer's non-retryable errors (matched as a substring, as go-livepeer's regex does). */
  public static boolean isNonRetryable(String error) {
    return error != null && NON_RETRYABLE_ERRORS.stream().anyMatch(error::contains);
  }

  /** The kind for any failure: a SegmentException's own, otherwise by its text. */
  public static Kind kindOf(Throwable failure) {
    if (failure instanceof SegmentException e) {
      return e.kind();
    }
    return isNonRetryable(failure.getMessage()) ? Kind.NON_RETRYABLE : Kind.FAILED;
  }
}
