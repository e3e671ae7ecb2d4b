package dev.lpnode.bench.orchestrator;

import dev.lpnode.orchestrator.session.TranscodeSessions;

/** A discovery or segment the orchestrator refused or failed, with the error text the gateway saw. */
public final class SegmentFailed extends Exception {
  SegmentFailed(String message) {
    super(message, null, false, false);
  }

  /** What went wrong, for counting: OrchestratorCapped, OrchestratorBusy, or the error text itself. */
  String kind() {
    String message = String.valueOf(getMessage());
    if (message.contains(TranscodeSessions.CAPPED)) {
      return TranscodeSessions.CAPPED;
    }
    if (message.contains(TranscodeSessions.BUSY)) {
      return TranscodeSessions.BUSY;
    }
    return message.length() > 100 ? message.substring(0, 100) + "…" : message;
  }
}
