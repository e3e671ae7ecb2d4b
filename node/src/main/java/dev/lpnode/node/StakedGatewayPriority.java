package dev.lpnode.node;

import dev.lpnode.ledger.Ledger;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.StakeTiers;
import dev.lpnode.orchestrator.session.AdmissionPriority;
import dev.lpnode.payments.crypto.EthAddress;
import io.vertx.core.Vertx;

/**
 * Priority admission on the embedded network: a gateway of stake tier 1 may start a session in the
 * {@code priorityReserve} share of the cap. The governed parameters change only when a round starts;
 * they are read again every {@value #REFRESH_MS} ms on a worker, so that the cap, checked under the
 * sessions' lock, never waits on the ledger.
 */
final class StakedGatewayPriority implements AdmissionPriority {
  private static final long REFRESH_MS = 1_000;

  private final Vertx vertx;
  private final Ledger ledger;
  private final long timer;
  private volatile NetworkParameters params;

  /** Follows the ledger's parameters until {@link #stop}. */
  StakedGatewayPriority(Vertx vertx, Ledger ledger) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.params = ledger.parameters();
    this.timer = vertx.setPeriodic(REFRESH_MS, t -> vertx.executeBlocking(() -> params = ledger.parameters(), false));
  }

  /** Stops reading the ledger; call before it closes. */
  void stop() {
    vertx.cancelTimer(timer);
  }

  @Override
  public int reserved(int maxSessions) {
    return StakeTiers.reservedSessions(maxSessions, params);
  }

  @Override
  public boolean hasPriority(EthAddress gateway) {
    NetworkParameters now = ledger.parameters();
    params = now;
    return StakeTiers.hasPriority(StakeTiers.stake(ledger.delegator(gateway)), now);
  }
}
