package dev.lpnode.orchestrator.remote;

/**
 * A remote transcoder failed a segment through its own fault (gone, hung, an error not caused by the
 * input, a result that fails the orchestrator's checks): it is withdrawn and the segment retried
 * elsewhere. One that is only {@linkplain #slow slow} keeps its place: its segment is retried, but
 * withdrawing a transcoder that still returns results would throw away every segment it holds.
 * Failures the input causes are plain {@link dev.lpnode.transcoder.TranscodeException}s.
 */
final class RemoteFault extends RuntimeException {
  private final boolean withdraws;

  RemoteFault(String message) {
    this(message, true);
  }

  private RemoteFault(String message, boolean withdraws) {
    super(message, null, false, false);
    this.withdraws = withdraws;
  }

  /** Past its watchdog, but still returning results: the segment moves, the transcoder stays. */
  static RemoteFault slow(String message) {
    return new RemoteFault(message, false);
  }

  boolean withdraws() {
    return withdraws;
  }
}
