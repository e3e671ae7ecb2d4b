package dev.lpnode.remote;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A remote transcoder's {@code livepeer_*} metrics, tagged {@code node_type="trcr"} as go-livepeer's
 * transcoders are; names follow go-livepeer's census views where it has them.
 */
final class TranscoderMetrics {
  private static final Tags TRCR = Tags.of("node_type", "trcr");
  private static final Duration[] TIME_BUCKETS = buckets(0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8, 10);

  /** Why a segment failed: a fixed set, so the {@code error_code} tag stays bounded. */
  enum Failure { DOWNLOAD, INCOMPATIBLE, PROFILES, TRANSCODE, DRAINING, UPLOAD }

  private final MeterRegistry registry;
  private final Counter transcoded;
  private final Timer transcodeTime;
  private final Timer downloadTime;
  private final Timer uploadTime;
  private final Map<Failure, Counter> failures = new ConcurrentHashMap<>();

  TranscoderMetrics(MeterRegistry registry, String version, BooleanSupplier registered, IntSupplier capacity,
      IntSupplier inFlight) {
    this.registry = registry;
    Gauge.builder("livepeer.versions", () -> 1).tags(TRCR).tag("livepeerversion", version)
        .description("Node version").register(registry);
    Gauge.builder("livepeer.transcoder.registered", () -> registered.getAsBoolean() ? 1 : 0).tags(TRCR)
        .description("1 while registered with the orchestrator, else 0").register(registry);
    Gauge.builder("livepeer.max.sessions.total", capacity::getAsInt).tags(TRCR)
        .description("Capacity registered with the orchestrator").register(registry);
    Gauge.builder("livepeer.current.sessions.total", inFlight::getAsInt).tags(TRCR)
        .description("Segments being fetched, transcoded or uploaded").register(registry);
    transcoded = Counter.builder("livepeer.segment.transcoded").tags(TRCR)
        .description("Segments transcoded and uploaded").register(registry);
    transcodeTime = timer("livepeer.transcode.time", "Time to transcode a segment");
    downloadTime = timer("livepeer.download.time", "Time to fetch a segment from the orchestrator");
    uploadTime = timer("livepeer.upload.time", "Time to post a segment's results to the orchestrator");
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name).tags(TRCR).serviceLevelObjectives(TIME_BUCKETS).description(description).register(registry);
  }

  void downloaded(Duration time) {
    downloadTime.record(time);
  }

  void transcoded(Duration time) {
    transcodeTime.record(time);
  }

  void uploaded(Duration time, boolean renditions) {
    uploadTime.record(time);
    if (renditions) {
      transcoded.increment();
    }
  }

  void failed(Failure failure) {
    failures.computeIfAbsent(failure, f -> Counter.builder("livepeer.segment.transcode.failed").tags(TRCR)
        .tag("error_code", f.name().toLowerCase()).description("Segments that failed, by cause").register(registry))
        .increment();
  }

  private static Duration[] buckets(double... seconds) {
    Duration[] out = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      out[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
    }
    return out;
  }
}
