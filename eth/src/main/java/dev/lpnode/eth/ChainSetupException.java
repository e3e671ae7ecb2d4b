package dev.lpnode.eth;

/** The chain cannot be used as configured (wrong chain id, unknown controller, unreachable node): the node must not start. */
public final class ChainSetupException extends RuntimeException {
  public ChainSetupException(String message) {
    super(message);
  }
}
