package dev.lpnode.gateway.pay;

/** The gateway will not pay an orchestrator for a segment; the message is go-livepeer's text. */
public final class PaymentRefused extends Exception {
  public PaymentRefused(String message) {
    super(message, null, false, false);
  }
}
