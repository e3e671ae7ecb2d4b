package dev.lpnode.gateway.metrics;

import dev.lpnode.gateway.stream.LatencyWindow;
import dev.lpnode.payments.ticket.Rational;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;

/**
 * The gateway's {@code livepeer_*} metrics, named after go-livepeer's census views for a
 * broadcaster and tagged {@code node_type="bctr"}: segments emerged, transcoded and failed, overall
 * latency, upload and download times, tickets and ticket value sent, payment creation errors,
 * discovery errors, orchestrator swaps and success rate. Prometheus naming adds {@code _total} to
 * counters. (The gateway's deposit and reserve are the ledger's metrics.) Also keeps the totals the
 * node's status line prints. Thread-safe.
 */
public final class GatewayMetrics {
  private static final Tags BCTR = Tags.of("node_type", "bctr");
  /** The orchestrator's buckets: in a combined node both sides share the metric names. */
  private static final Duration[] TIME_BUCKETS = DoubleStream.of(0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8, 10)
      .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9))).toArray(Duration[]::new);
  /** Segments over which the success rate is computed. */
  static final int SUCCESS_WINDOW = 100;

  /** The totals since start, for a status line. */
  public record Totals(long emerged, long transcoded, long failed, long ticketsSent, BigDecimal valueSentWei,
      long swaps, double successRate) {}

  private final MeterRegistry registry;
  private final Counter emerged;
  private final Counter transcoded;
  private final Counter ticketsSent;
  private final Counter ticketValueGwei;
  private final Counter paymentCreateErrors;
  private final Counter swaps;
  private final Counter pixels;
  private final Timer overallLatency;
  private final Timer uploadTime;
  private final Timer downloadTime;
  private final Timer transcodeTime;
  private final LatencyWindow transcodeTimes = new LatencyWindow();
  private final AtomicLong failed = new AtomicLong();
  private final boolean[] outcomes = new boolean[SUCCESS_WINDOW];
  private long outcomeCount;
  private Rational valueSent = Rational.ZERO;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    emerged = Counter.builder("livepeer.segment.source.emerged").tags(BCTR)
        .description("Source segments to transcode").register(registry);
    transcoded = Counter.builder("livepeer.segment.transcoded").tags(BCTR)
        .description("Segments transcoded, downloaded and verified").register(registry);
    ticketsSent = Counter.builder("livepeer.tickets.sent").tags(BCTR).description("Tickets sent").register(registry);
    ticketValueGwei = Counter.builder("livepeer.ticket.value.sent").tags(BCTR)
        .description("Expected value of the tickets sent, in gwei").register(registry);
    paymentCreateErrors = Counter.builder("livepeer.payment.create.errors").tags(BCTR)
        .description("Payments that could not be created").register(registry);
    swaps = Counter.builder("livepeer.orchestrator.swaps").tags(BCTR)
        .description("Streams moved from one orchestrator to another").register(registry);
    pixels = Counter.builder("livepeer.mil.pixels.processed").tags(BCTR)
        .description("Millions of pixels transcoded (as the orchestrators reported)").register(registry);
    overallLatency = Timer.builder("livepeer.transcode.overall.latency").tags(BCTR).serviceLevelObjectives(TIME_BUCKETS)
        .description("From a segment's arrival to its verified renditions").register(registry);
    uploadTime = Timer.builder("livepeer.upload.time").tags(BCTR).serviceLevelObjectives(TIME_BUCKETS)
        .description("Segment upload to an orchestrator, until its response headers").register(registry);
    transcodeTime = Timer.builder("livepeer.transcode.time").tags(BCTR).serviceLevelObjectives(TIME_BUCKETS)
        .description("An orchestrator's transcoding of a segment, seen from the gateway (round trip minus upload)")
        .register(registry);
    downloadTime = Timer.builder("livepeer.download.time").tags(BCTR).serviceLevelObjectives(TIME_BUCKETS)
        .description("Download of a segment's renditions").register(registry);
    Gauge.builder("livepeer.success.rate", this, GatewayMetrics::successRate).tags(BCTR)
        .description("Segments transcoded over segments emerged, last " + SUCCESS_WINDOW).register(registry);
  }

  public void segmentEmerged() {
    emerged.increment();
  }

  /** A segment's renditions were verified; {@code latency} counts from its arrival. */
  public void segmentTranscoded(Duration latency, long reportedPixels) {
    transcoded.increment();
    overallLatency.record(latency);
    pixels.increment(reportedPixels / 1e6);
    outcome(true);
  }

  /** A segment failed every attempt; {@code errorCode} is go-livepeer's error text or a short class. */
  public void segmentFailed(String errorCode) {
    failed.incrementAndGet();
    registry.counter("livepeer.segment.transcode.failed", BCTR.and("error_code", errorCode)).increment();
    outcome(false);
  }

  /** An orchestrator answered with renditions: the upload took {@code upload}, the rest of the round trip {@code transcode}. */
  public void submitted(Duration upload, Duration transcode) {
    uploadTime.record(upload);
    transcodeTime.record(transcode);
    transcodeTimes.record(transcode.toNanos());
  }

  /** The transcode times of the last segments, as the gateway saw them. */
  public LatencyWindow.Summary transcodeTimes() {
    return transcodeTimes.summary();
  }

  public void downloaded(Duration time) {
    downloadTime.record(time);
  }

  /** A payment reached an orchestrator. */
  public synchronized void ticketsSent(int tickets, Rational valueWei) {
    ticketsSent.increment(tickets);
    valueSent = valueSent.add(valueWei);
    ticketValueGwei.increment(decimal(valueWei).doubleValue() / 1e9);
  }

  public void paymentCreateError() {
    paymentCreateErrors.increment();
  }

  public void discoveryError(String orchestratorUri, String error) {
    registry.counter("livepeer.discovery.errors", BCTR.and("orchestrator_uri", orchestratorUri, "error_code",
        error.length() > 80 ? error.substring(0, 80) : error)).increment();
  }

  public void orchestratorSwapped() {
    swaps.increment();
  }

  public synchronized Totals totals() {
    return new Totals((long) emerged.count(), (long) transcoded.count(), failed.get(), (long) ticketsSent.count(),
        decimal(valueSent), (long) swaps.count(), successRate());
  }

  private synchronized void outcome(boolean success) {
    outcomes[(int) (outcomeCount++ % SUCCESS_WINDOW)] = success;
  }

  private synchronized double successRate() {
    int n = (int) Math.min(outcomeCount, SUCCESS_WINDOW);
    if (n == 0) {
      return 1.0;
    }
    int ok = 0;
    for (int i = 0; i < n; i++) {
      ok += outcomes[i] ? 1 : 0;
    }
    return ok / (double) n;
  }

  private static BigDecimal decimal(Rational r) {
    return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), MathContext.DECIMAL64);
  }
}
