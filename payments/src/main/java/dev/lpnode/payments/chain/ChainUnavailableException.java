package dev.lpnode.payments.chain;

/** A chain read or transaction that could not be made (node unreachable, timeout); worth retrying. */
public final class ChainUnavailableException extends RuntimeException {
  public ChainUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
