package dev.lpnode.orchestrator.remote;

import dev.lpnode.transcoder.TranscodeException;
import java.util.Arrays;

/**
 * Whose fault a remote transcoder's error is. The input's (lpms's final errors, such as
 * {@code TranscoderInvalidVideo}, or content longer than declared) goes back to the gateway as this
 * node's own would, and costs the transcoder nothing: otherwise anyone could empty the fleet with
 * broken segments. Anything else is the transcoder's: it is withdrawn and the segment retried.
 */
final class RemoteErrors {
  private RemoteErrors() {}

  static RuntimeException asFailure(String text) {
    TranscodeException.Kind kind = Arrays.stream(TranscodeException.Kind.values())
        .filter(k -> text.equals(k.message()) || (k == TranscodeException.Kind.CONTENT_MISMATCH && text.startsWith(k.message())))
        .findFirst()
        .orElse(TranscodeException.Kind.FFMPEG);
    TranscodeException error = new TranscodeException(kind, text);
    boolean inputFault = kind == TranscodeException.Kind.CONTENT_MISMATCH
        || (!error.retryable() && kind != TranscodeException.Kind.UNRECOVERABLE
            && !text.equals("TranscoderIncompatibleDevices"));
    return inputFault ? error : new RemoteFault("transcoder error: " + text);
  }
}
