package dev.lpnode.ledger.metrics;

import dev.lpnode.ledger.RewardResult;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ledger's {@code livepeer_*} metrics, tagged {@code node_type="orch"}: rounds, stake, reward
 * calls, ticket redemptions and the funds of the gateways paying this node. Names follow
 * go-livepeer's census views where it has them ({@code reward_call_errors}, {@code value_redeemed},
 * {@code ticket_redemption_errors}, {@code gateway_deposit}, {@code gateway_reserve}); Prometheus
 * naming adds {@code _total} to counters. LPT amounts are in LPT, ETH amounts in gwei, as
 * go-livepeer reports them.
 *
 * <p>Gauges read values that {@link #update} stores (the embedded network calls it once per block
 * from its own thread), so a scrape never touches the database or blocks an event loop.
 */
public final class LedgerMetrics {
  private static final Tags ORCH = Tags.of("node_type", "orch");
  private static final BigDecimal WEI_PER_LPT = BigDecimal.TEN.pow(18);
  private static final BigDecimal WEI_PER_GWEI = BigDecimal.TEN.pow(9);

  /** The ledger as one block left it: what the gauges show. */
  public record Snapshot(long round, BigInteger totalBonded, BigInteger ownStake, boolean active, Map<EthAddress, SenderInfo> gateways) {
    public Snapshot {
      gateways = Map.copyOf(gateways);
    }
  }

  private final MeterRegistry registry;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>(new Snapshot(0, BigInteger.ZERO, BigInteger.ZERO, false, Map.of()));
  private final Map<EthAddress, Boolean> gatewayGauges = new ConcurrentHashMap<>();
  private final Counter rewardMinted;
  private final Counter rewardCallErrors;
  private final Counter valueRedeemed;
  private final Counter redemptionErrors;

  public LedgerMetrics(MeterRegistry registry) {
    this.registry = registry;
    gauge("livepeer.current.round", "The protocol's current round", s -> s.round());
    gauge("livepeer.total.bonded", "Total active stake in the current round, in LPT", s -> lpt(s.totalBonded()));
    gauge("livepeer.orchestrator.stake", "This orchestrator's total stake (own bond and delegations), in LPT", s -> lpt(s.ownStake()));
    gauge("livepeer.orchestrator.active", "1 while this orchestrator is in the current round's active set", s -> s.active() ? 1 : 0);
    rewardMinted = Counter.builder("livepeer.reward.minted").tags(ORCH)
        .description("LPT minted by this node's reward calls (its share, treasury cut included)").register(registry);
    rewardCallErrors = Counter.builder("livepeer.reward.call.errors").tags(ORCH)
        .description("Reward calls that failed").register(registry);
    valueRedeemed = Counter.builder("livepeer.value.redeemed").tags(ORCH)
        .description("Winning ticket value redeemed, in gwei").register(registry);
    redemptionErrors = Counter.builder("livepeer.ticket.redemption.errors").tags(ORCH)
        .description("Winning ticket redemptions that failed").register(registry);
  }

  private interface Reading {
    double of(Snapshot s);
  }

  private void gauge(String name, String description, Reading reading) {
    Gauge.builder(name, latest, ref -> reading.of(ref.get())).tags(ORCH).description(description).register(registry);
  }

  public void rewardCalled(RewardResult result) {
    rewardMinted.increment(lpt(result.minted()));
  }

  public void rewardFailed() {
    rewardCallErrors.increment();
  }

  public void ticketRedeemed(BigInteger paid) {
    valueRedeemed.increment(gwei(paid));
  }

  public void redemptionFailed() {
    redemptionErrors.increment();
  }

  /** Publishes the ledger's state for the gauges; a gateway seen for the first time gets its deposit and reserve gauges. */
  public void update(Snapshot snapshot) {
    latest.set(snapshot);
    for (EthAddress gateway : snapshot.gateways().keySet()) {
      gatewayGauges.computeIfAbsent(gateway, g -> {
        Tags tags = ORCH.and("sender", g.toHex());
        Gauge.builder("livepeer.gateway.deposit", latest, ref -> gwei(funds(ref.get(), g).deposit())).tags(tags)
            .description("A gateway's deposit in the ticket broker, in gwei").register(registry);
        Gauge.builder("livepeer.gateway.reserve", latest, ref -> gwei(funds(ref.get(), g).reserveFundsRemaining())).tags(tags)
            .description("A gateway's remaining reserve in the ticket broker, in gwei").register(registry);
        return true;
      });
    }
  }

  private static SenderInfo funds(Snapshot s, EthAddress gateway) {
    return s.gateways().getOrDefault(gateway, new SenderInfo(BigInteger.ZERO, 0, BigInteger.ZERO, BigInteger.ZERO));
  }

  private static double lpt(BigInteger wei) {
    return new BigDecimal(wei).divide(WEI_PER_LPT, MathContext.DECIMAL64).doubleValue();
  }

  private static double gwei(BigInteger wei) {
    return new BigDecimal(wei).divide(WEI_PER_GWEI, MathContext.DECIMAL64).doubleValue();
  }
}
