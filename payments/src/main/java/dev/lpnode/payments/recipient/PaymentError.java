package dev.lpnode.payments.recipient;

import java.util.Objects;

/**
 * Why a payment was not fully accepted, with go-livepeer's text. A fatal error stopped processing
 * at that ticket (go-livepeer's {@code FatalReceiveErr}); a non-fatal one let the remaining tickets
 * be checked and their winners kept, but credited none of them. Either way the orchestrator answers
 * HTTP 400 with {@link #message()}.
 */
public record PaymentError(String message, boolean fatal) {
  public PaymentError {
    Objects.requireNonNull(message, "message");
  }

  static PaymentError fatal(String message) {
    return new PaymentError(message, true);
  }

  static PaymentError nonFatal(String message) {
    return new PaymentError(message, false);
  }
}
