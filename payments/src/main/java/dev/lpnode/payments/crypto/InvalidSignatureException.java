package dev.lpnode.payments.crypto;

/** A signature that cannot be recovered; the message is go-livepeer's text for the same case. */
public final class InvalidSignatureException extends Exception {
  public InvalidSignatureException(String message) {
    super(message);
  }
}
