package dev.lpnode.orchestrator.remote;

/**
 * A remote transcoder failed a segment through its own fault (gone, too slow, an error not caused by
 * the input, a result that fails the orchestrator's checks): it is withdrawn and the segment retried
 * elsewhere. Failures the input causes are plain {@link dev.lpnode.transcoder.TranscodeException}s.
 */
final class RemoteFault extends RuntimeException {
  RemoteFault(String message) {
    super(message, null, false, false);
  }
}
