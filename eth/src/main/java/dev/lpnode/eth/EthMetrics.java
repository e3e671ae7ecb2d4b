package dev.lpnode.eth;

import dev.lpnode.eth.rpc.CountingHttpService;
import dev.lpnode.eth.watch.ProtocolState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * The chain network's {@code livepeer_*} metrics, tagged {@code node_type="orch"}, with the names
 * the embedded network uses (go-livepeer's census views: {@code value_redeemed}, {@code
 * ticket_redemption_errors}, {@code reward_call_errors}, {@code suggested_gas_price}; Prometheus
 * adds {@code _total} to counters), plus {@code livepeer_eth_rpc_calls_total} and {@code
 * livepeer_eth_rpc_errors_total} by caller. Gauges read the cached {@link ProtocolState}: a scrape
 * makes no JSON-RPC call. ETH amounts are in gwei.
 */
public final class EthMetrics {
  private static final Tags ORCH = Tags.of("node_type", "orch");
  private static final BigDecimal WEI_PER_GWEI = BigDecimal.TEN.pow(9);

  private final Counter valueRedeemed;
  private final Counter redemptionErrors;
  private final Counter rewardCallErrors;

  EthMetrics(MeterRegistry registry, ProtocolState state, Supplier<BigInteger> gasPrice, CountingHttpService rpc) {
    valueRedeemed = Counter.builder("livepeer.value.redeemed").tags(ORCH)
        .description("Winning ticket value redeemed, in gwei").register(registry);
    redemptionErrors = Counter.builder("livepeer.ticket.redemption.errors").tags(ORCH)
        .description("Winning ticket redemptions that failed").register(registry);
    rewardCallErrors = Counter.builder("livepeer.reward.call.errors").tags(ORCH)
        .description("Reward calls that failed").register(registry);
    Gauge.builder("livepeer.suggested.gas.price", state, s -> gwei(s.gasPrice())).tags(ORCH)
        .description("The chain's suggested gas price (eth_gasPrice), in gwei").register(registry);
    Gauge.builder("livepeer.gas.price", gasPrice, g -> gwei(g.get())).tags(ORCH)
        .description("The gas price redemptions are costed at (suggested, at least -minGasPrice), in gwei").register(registry);
    Gauge.builder("livepeer.current.round", state, ProtocolState::currentRound).tags(ORCH)
        .description("The protocol's current round").register(registry);
    Gauge.builder("livepeer.orchestrator.active", state, s -> s.transcoder().active() ? 1 : 0).tags(ORCH)
        .description("1 while this orchestrator is in the current round's active set").register(registry);
    for (CountingHttpService.Caller caller : CountingHttpService.Caller.values()) {
      FunctionCounter.builder("livepeer.eth.rpc.calls", rpc, r -> r.calls(caller)).tags(ORCH.and("caller", caller.name().toLowerCase()))
          .description("JSON-RPC calls to -ethUrl, by who made them (request: while serving a gateway)").register(registry);
      FunctionCounter.builder("livepeer.eth.rpc.errors", rpc, r -> r.failures(caller)).tags(ORCH.and("caller", caller.name().toLowerCase()))
          .description("JSON-RPC calls to -ethUrl that got no reply: unreachable, timed out, or an HTTP error such as 429")
          .register(registry);
    }
  }

  void redeemed(BigInteger paid) {
    valueRedeemed.increment(gwei(paid));
  }

  void redemptionFailed() {
    redemptionErrors.increment();
  }

  void rewardFailed() {
    rewardCallErrors.increment();
  }

  private static double gwei(BigInteger wei) {
    return new BigDecimal(wei).divide(WEI_PER_GWEI).doubleValue();
  }
}
