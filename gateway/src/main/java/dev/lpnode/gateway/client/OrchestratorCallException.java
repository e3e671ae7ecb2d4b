package dev.lpnode.gateway.client;

/**
 * A call to an orchestrator failed. The message is what go-livepeer's gateway would see: the
 * orchestrator's own error text where it sent one (trimmed, as go-livepeer trims), otherwise a
 * description of the transport failure.
 */
public final class OrchestratorCallException extends RuntimeException {
  private final boolean reached;

  /**
   * @param reached whether the orchestrator answered with response headers: a segment request
   *                that got that far has delivered its payment
   */
  public OrchestratorCallException(String message, boolean reached) {
    super(message, null, false, false);
    this.reached = reached;
  }

  public OrchestratorCallException(String message, boolean reached, Throwable cause) {
    super(message, cause, false, false);
    this.reached = reached;
  }

  /** The orchestrator received the request (and its payment): answered with a status line. */
  public boolean reached() {
    return reached;
  }
}
