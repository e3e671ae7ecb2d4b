package dev.lpnode.transcoder;

import java.util.Set;

/**
 * A segment that could not be transcoded. {@link #getMessage()} is the exact string lpms or
 * go-livepeer reports, because gateways match on it (spec/protocol.md §7.3).
 */
public final class TranscodeException extends RuntimeException {
  /** The strings a gateway treats as final: it neither retries the segment elsewhere nor suspends us. */
  private static final Set<String> NON_RETRYABLE = Set.of(
      "Unsupported input pixel format", "Error initializing filtergraph", "Too many outputs",
      "Unsupported input codec", "No keyframes in input", "Unrecoverable state, restart process",
      "Encoded frames runaway", "Decoder not found", "Demuxer not found", "Encoder not found",
      "Muxer not found", "Option not found", "Invalid argument", "TranscoderInvalidResolution",
      "TranscoderInvalidVideo", "TranscoderUnrecognizedFormat", "TranscoderUnrecognizedProfile",
      "TranscoderInvalidGOP", "TranscoderIncompatibleDevices");

  private final Kind kind;

  public TranscodeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public TranscodeException(Kind kind) {
    this(kind, kind.message);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether a gateway may send the segment to another orchestrator (exact match on the message). */
  public boolean retryable() {
    return !NON_RETRYABLE.contains(getMessage());
  }

  /** What went wrong, with lpms's message where it has one. */
  public enum Kind {
    /** The segment has video packets but none is a keyframe. */
    NO_KEYFRAMES("No keyframes in input"),
    /** The input's pixel format cannot go through the selected (GPU) path. */
    UNSUPPORTED_PIXEL_FORMAT("Unsupported input pixel format"),
    /** No decoder for the input's video codec. */
    UNSUPPORTED_CODEC("Unsupported input codec"),
    /** Empty, unreadable, no video stream, or nothing decodable. */
    INVALID_VIDEO("TranscoderInvalidVideo"),
    /** A profile this engine cannot produce (codec, size). */
    INVALID_PROFILE("TranscoderUnrecognizedProfile"),
    INVALID_RESOLUTION("TranscoderInvalidResolution"),
    FILTERGRAPH("Error initializing filtergraph"),
    TOO_MANY_OUTPUTS("Too many outputs"),
    /** An output would get more than 25 frames per decoded frame. */
    RUNAWAY("Encoded frames runaway"),
    /** The segment holds more video (duration, frames) than its declared duration allows: refused unread. */
    CONTENT_MISMATCH("segment content exceeds its declared duration"),
    /** A GPU error after which the worker process must be replaced. */
    UNRECOVERABLE("Unrecoverable state, restart process"),
    /** No capacity for the request (GPU session cap); go-livepeer's string. */
    BUSY("TranscoderBusy"),
    /** The worker process died while transcoding, twice. */
    WORKER_CRASHED("TranscoderWorkerCrashed"),
    /** The segment was not done by its deadline (the caller's patience); it is never run again. */
    TIMEOUT("TranscoderTimeout"),
    /**
     * A rendition failed the engine's own check (decodable, size, frames, pixels, keyframe first):
     * this node's fault, never billed; the message names the rendition and what differs.
     */
    OUTPUT_CHECK("rendition failed verification"),
    /** The transcoder was closed, or the caller gave the segment up. */
    STOPPED("TranscoderStopped"),
    /** Any other FFmpeg failure; the message is FFmpeg's error text, as lpms reports it. */
    FFMPEG("Unknown error occurred");

    private final String message;

    Kind(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }
}
