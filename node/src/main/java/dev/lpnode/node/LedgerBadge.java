package dev.lpnode.node;

import dev.lpnode.ledger.Ledger;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.StakeBadge;
import dev.lpnode.ledger.StakeTiers;
import dev.lpnode.orchestrator.badge.BadgeSource;
import dev.lpnode.orchestrator.badge.SignedBadge;
import dev.lpnode.payments.crypto.SigningKey;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * This orchestrator's badge on the embedded network, read from the ledger and signed by the node's
 * key on a worker every {@value #REFRESH_MS} ms (signed again only when a field changed), so that
 * {@code /status} shows the latest one without reading the ledger on the event loop.
 */
final class LedgerBadge implements BadgeSource {
  private static final long REFRESH_MS = 1_000;

  private final Vertx vertx;
  private final Ledger ledger;
  private final SigningKey key;
  private final long timer;
  private volatile SignedBadge current;

  /** Reads the first badge now (call it off the event loop) and follows the ledger until {@link #stop}. */
  LedgerBadge(Vertx vertx, Ledger ledger, SigningKey key) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.key = key;
    refresh();
    this.timer = vertx.setPeriodic(REFRESH_MS, t -> vertx.executeBlocking(() -> {
      refresh();
      return null;
    }, false));
  }

  /** Stops reading the ledger; call before it closes. */
  void stop() {
    vertx.cancelTimer(timer);
  }

  /** Reads the badge's fields from the ledger, and signs them if they changed. Blocking. */
  void refresh() {
    NetworkParameters params = ledger.parameters();
    long round = ledger.round().round();
    long from = StakeBadge.fromRound(round, params);
    StakeBadge badge = StakeBadge.of(key.address(), round, StakeTiers.stake(ledger.delegator(key.address())), params,
        from, ledger.workTotals(key.address(), from, round));
    SignedBadge last = current;
    if (last == null || !last.badge().equals(badge)) {
      current = SignedBadge.sign(badge, key);
    }
  }

  @Override
  public Optional<SignedBadge> current() {
    return Optional.ofNullable(current);
  }
}
