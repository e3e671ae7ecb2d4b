package dev.lpnode.payments.recipient;

/**
 * A payment-side refusal with go-livepeer's error text, e.g. {@code insufficient sender reserve}.
 * The orchestrator passes the message on to the gateway unchanged.
 */
public final class PaymentException extends Exception {
  public PaymentException(String message) {
    super(message);
  }
}
