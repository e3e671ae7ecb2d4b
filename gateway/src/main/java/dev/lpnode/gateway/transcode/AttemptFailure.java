package dev.lpnode.gateway.transcode;

import java.util.List;

/** Why one attempt at a segment failed, and what the next step is. */
final class AttemptFailure extends RuntimeException {
  enum Kind {
    /** The orchestrator failed (and was suspended): try another. */
    RETRYABLE,
    /** The input is the problem: no other orchestrator will do better. */
    NON_RETRYABLE,
    /** The renditions failed verification (the orchestrator was suspended): try another, keep the best. */
    VERIFICATION
  }

  private final Kind kind;
  private final Candidate candidate;

  /**
   * A result that failed verification but may still be the best one available.
   *
   * @param score higher is closer to what was claimed
   */
  record Candidate(List<dev.lpnode.gateway.ingest.Rendition> renditions, long reportedPixels, double score) {}

  AttemptFailure(Kind kind, String message) {
    this(kind, message, null);
  }

  AttemptFailure(Kind kind, String message, Candidate candidate) {
    super(message, null, false, false);
    this.kind = kind;
    this.candidate = candidate;
  }

  Kind kind() {
    return kind;
  }

  /** For a verification failure: the renditions, if they could be served at all. */
  Candidate candidate() {
    return candidate;
  }
}
