package dev.lpnode.node;

import dev.lpnode.ledger.Ledger;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.StakeTiers;
import dev.lpnode.orchestrator.segment.LadderLimit;
import dev.lpnode.orchestrator.session.AdmissionPriority;
import dev.lpnode.payments.crypto.EthAddress;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * What a gateway's stake unlocks at this orchestrator on the embedded network: priority admission
 * (tier 1 may start a session in the {@code priorityReserve} share of the cap) and larger ladders
 * (tier 2 may ask for more than {@code maxRenditions} renditions). The governed parameters change
 * only when a round starts; they are read again every {@value #REFRESH_MS} ms on a worker, so that
 * the cap, checked under the sessions' lock, never waits on the ledger, and a ladder within {@code
 * maxRenditions} costs no ledger read.
 */
final class StakedGateways implements AdmissionPriority, LadderLimit {
  private static final long REFRESH_MS = 1_000;

  private final Vertx vertx;
  private final Ledger ledger;
  private final long timer;
  private volatile NetworkParameters params;

  /** Follows the ledger's parameters until {@link #stop}. */
  StakedGateways(Vertx vertx, Ledger ledger) {
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

  @Override
  public Optional<String> refusal(EthAddress gateway, int renditions) {
    if (renditions <= params.maxRenditions()) {
      return Optional.empty();
    }
    NetworkParameters now = ledger.parameters();
    params = now;
    return StakeTiers.ladderRefusal(renditions, StakeTiers.stake(ledger.delegator(gateway)), now);
  }
}
