package dev.lpnode.orchestrator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.math.BigInteger;
import dev.lpnode.orchestrator.remote.TranscoderFleet;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The orchestrator's {@code livepeer_*} metrics, named after go-livepeer's census views
 * (monitor/census.go), each tagged {@code node_type="orch"}. Prometheus naming adds
 * {@code _total} to counters and drops it from gauges; the README lists those differences.
 */
public final class OrchestratorMetrics {
  private static final Tags ORCH = Tags.of("node_type", "orch");
  private static final double[] TIME_BUCKETS = {0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8, 10};
  private static final double[] SCORE_BUCKETS = {0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 10, 15, 20};

  private final MeterRegistry registry;
  private final Counter segmentsReceived;
  private final Counter segmentsTranscoded;
  private final Timer transcodeTime;
  private final DistributionSummary transcodeScore;
  private final Timer sourceDuration;
  private final Counter pixelsMillions;
  private final Counter ticketsReceived;
  private final Counter winningTickets;
  private final Counter ticketValueGwei;
  private final AtomicReference<Double> pricePerPixel = new AtomicReference<>(0.0);

  public OrchestratorMetrics(MeterRegistry registry, String version, IntSupplier currentSessions, IntSupplier maxSessions) {
    this.registry = registry;
    Gauge.builder("livepeer.versions", () -> 1).tags(ORCH).tag("livepeerversion", version)
        .description("Node version").register(registry);
    Gauge.builder("livepeer.current.sessions.total", currentSessions::getAsInt).tags(ORCH)
        .description("Transcoding sessions in progress").register(registry);
    Gauge.builder("livepeer.max.sessions.total", maxSessions::getAsInt).tags(ORCH)
        .description("Maximum transcoding sessions").register(registry);
    Gauge.builder("livepeer.transcoding.price", pricePerPixel, AtomicReference::get).tags(ORCH)
        .description("Transcoding price in wei per pixel").register(registry);
    segmentsReceived = Counter.builder("livepeer.segment.source.appeared").tags(ORCH)
        .description("Segments received from gateways").register(registry);
    segmentsTranscoded = Counter.builder("livepeer.segment.transcoded").tags(ORCH)
        .description("Segments transcoded and verified").register(registry);
    transcodeTime = Timer.builder("livepeer.transcode.time").tags(ORCH)
        .serviceLevelObjectives(durations(TIME_BUCKETS)).description("Time to transcode a segment").register(registry);
    transcodeScore = DistributionSummary.builder("livepeer.transcode.score").tags(ORCH)
        .serviceLevelObjectives(SCORE_BUCKETS).description("Segment duration divided by transcode time").register(registry);
    sourceDuration = Timer.builder("livepeer.source.segment.duration").tags(ORCH)
        .serviceLevelObjectives(durations(TIME_BUCKETS)).description("Duration of received segments").register(registry);
    pixelsMillions = Counter.builder("livepeer.mil.pixels.processed").tags(ORCH)
        .description("Millions of pixels transcoded").register(registry);
    ticketsReceived = Counter.builder("livepeer.tickets.recv").tags(ORCH)
        .description("Tickets received").register(registry);
    winningTickets = Counter.builder("livepeer.winning.tickets.recv").tags(ORCH)
        .description("Winning tickets received").register(registry);
    ticketValueGwei = Counter.builder("livepeer.ticket.value.recv").tags(ORCH)
        .description("Expected value of tickets received, in gwei").register(registry);
  }

  public void segmentReceived(Duration sourceDuration) {
    segmentsReceived.increment();
    this.sourceDuration.record(sourceDuration);
  }

  public void segmentTranscoded(Duration sourceDuration, Duration transcodeTime, long pixels) {
    segmentsTranscoded.increment();
    this.transcodeTime.record(transcodeTime);
    if (!transcodeTime.isZero()) {
      transcodeScore.record(sourceDuration.toNanos() / (double) transcodeTime.toNanos());
    }
    pixelsMillions.increment(pixels / 1e6);
  }

  /** A segment that failed, by go-livepeer error code (the error text, or a short class for transport errors). */
  public void segmentFailed(String errorCode) {
    registry.counter("livepeer.segment.transcode.failed", ORCH.and("error_code", errorCode)).increment();
  }

  public void ticketsReceived(int tickets, int winning, double valueWei) {
    ticketsReceived.increment(tickets);
    winningTickets.increment(winning);
    ticketValueGwei.increment(valueWei / 1e9);
  }

  public void paymentError(String errorCode) {
    registry.counter("livepeer.payment.recv.errors", ORCH.and("error_code", errorCode)).increment();
  }

  public void price(BigInteger pricePerUnit, long pixelsPerUnit) {
    pricePerPixel.set(new BigDecimal(pricePerUnit).divide(BigDecimal.valueOf(pixelsPerUnit), java.math.MathContext.DECIMAL64).doubleValue());
  }

  /**
   * go-livepeer's remote transcoder gauges ({@code livepeer_transcoders_number}, {@code _capacity},
   * {@code _load}), and per transcoder (label {@code transcoder}) its capacity, load, failures and
   * seconds since it was last heard from. Rows follow the fleet's members as they come and go.
   */
  public void remoteTranscoders(TranscoderFleet fleet) {
    Supplier<List<TranscoderFleet.MemberStatus>> remote = () -> fleet.status().stream()
        .filter(TranscoderFleet.MemberStatus::remote).toList();
    Gauge.builder("livepeer.transcoders.number", () -> remote.get().size()).tags(ORCH)
        .description("Remote transcoders registered").register(registry);
    Gauge.builder("livepeer.transcoders.capacity", () -> remote.get().stream().mapToInt(TranscoderFleet.MemberStatus::capacity).sum())
        .tags(ORCH).description("Sessions the remote transcoders take").register(registry);
    Gauge.builder("livepeer.transcoders.load", () -> remote.get().stream().mapToInt(TranscoderFleet.MemberStatus::load).sum())
        .tags(ORCH).description("Sessions on remote transcoders").register(registry);
    FunctionCounter.builder("livepeer.transcode.retried", fleet, TranscoderFleet::retries).tags(ORCH)
        .description("Segments retried on another transcoder after one failed them").register(registry);
    Map<String, ToDoubleFunction<TranscoderFleet.MemberStatus>> perTranscoder = Map.of(
        "livepeer.remote.transcoder.capacity", TranscoderFleet.MemberStatus::capacity,
        "livepeer.remote.transcoder.load", TranscoderFleet.MemberStatus::load,
        "livepeer.remote.transcoder.failures", TranscoderFleet.MemberStatus::failures,
        "livepeer.remote.transcoder.last.seen.seconds",
        m -> Duration.between(m.lastSeen(), Instant.now()).toMillis() / 1000.0);
    List<Runnable> refreshers = new ArrayList<>();
    perTranscoder.forEach((name, value) -> {
      MultiGauge gauge = MultiGauge.builder(name).tags(ORCH).register(registry);
      refreshers.add(() -> gauge.register(remote.get().stream()
          .map(m -> MultiGauge.Row.of(Tags.of("transcoder", m.name()), m.name(),
              n -> fleet.status().stream().filter(s -> s.name().equals(n)).mapToDouble(value).findFirst().orElse(Double.NaN)))
          .toList(), true));
    });
    fleet.onCapacityChange(capacity -> refreshers.forEach(Runnable::run));
  }

  private static Duration[] durations(double[] seconds) {
    Duration[] out = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      out[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
    }
    return out;
  }
}
