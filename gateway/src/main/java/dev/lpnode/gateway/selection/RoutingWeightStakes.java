package dev.lpnode.gateway.selection;

import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.payments.crypto.EthAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stake term on a network: the ledger's routing weight of each active orchestrator (its stake
 * share times its verified-work performance), where go-livepeer uses the bare stake. So an
 * orchestrator with more stake and more, faster verified work is chosen for more streams, and one
 * that fails verification loses its share whatever its stake. Reading the ledger blocks, so the
 * weights are a snapshot that {@link #refresh()} renews off the event loop (every new block);
 * orchestrators outside the active set weigh 0.
 */
public final class RoutingWeightStakes implements StakeWeights {
  private final Supplier<List<RoutingWeight>> ledger;
  private volatile Map<EthAddress, Double> weights = Map.of();

  /** @param ledger reads the routing weights, e.g. {@code ledger::routingWeights}; may block */
  public RoutingWeightStakes(Supplier<List<RoutingWeight>> ledger) {
    this.ledger = ledger;
  }

  /** Reads the ledger again. Blocks: call off the event loop. */
  public void refresh() {
    Map<EthAddress, Double> fresh = new HashMap<>();
    for (RoutingWeight w : ledger.get()) {
      fresh.put(w.orchestrator(), w.weight());
    }
    weights = Map.copyOf(fresh);
  }

  @Override
  public double weight(EthAddress orchestrator) {
    return orchestrator == null ? 0 : weights.getOrDefault(orchestrator, 0.0);
  }
}
