package dev.lpnode.transcoder;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TranscoderPool} runs its worker processes.
 *
 * @param workers          worker processes on the CPU (with GPUs: one per GPU instead)
 * @param slotsPerWorker   segments one CPU worker transcodes at once
 * @param watchdogMinimum  a segment may always take this long before its worker is considered hung
 * @param watchdogFactor   ... or this many times its duration, whichever is longer
 * @param workerJvmOptions JVM options of the worker processes (heap size and the like)
 */
public record PoolSettings(int workers, int slotsPerWorker, Duration watchdogMinimum, double watchdogFactor,
    List<String> workerJvmOptions) {

  public PoolSettings {
    if (workers < 1 || slotsPerWorker < 1) {
      throw new IllegalArgumentException("workers and slotsPerWorker must be at least 1");
    }
    Objects.requireNonNull(watchdogMinimum, "watchdogMinimum");
    workerJvmOptions = List.copyOf(workerJvmOptions);
  }

  /**
   * Worker JVMs: a heap that can hold the largest segments, with a small part of it touched up front and
   * a collector that keeps the heap no larger than needed, so a worker's memory stays flat.
   */
  public static final List<String> DEFAULT_WORKER_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmx1g", "-XX:+AlwaysPreTouch");

  /** {@code workers} processes of {@code slotsPerWorker} segments, a 30 s / 10× watchdog. */
  public static PoolSettings of(int workers, int slotsPerWorker) {
    return new PoolSettings(workers, slotsPerWorker, Duration.ofSeconds(30), 10, DEFAULT_WORKER_JVM_OPTIONS);
  }

  public PoolSettings withWorkerJvmOptions(List<String> options) {
    return new PoolSettings(workers, slotsPerWorker, watchdogMinimum, watchdogFactor, options);
  }

  public PoolSettings withWatchdog(Duration minimum, double factor) {
    return new PoolSettings(workers, slotsPerWorker, minimum, factor, workerJvmOptions);
  }

  /** How long a segment of {@code durationMs} may run before its worker is killed. */
  public Duration watchdog(long durationMs) {
    Duration scaled = Duration.ofMillis((long) (Math.max(durationMs, 0) * watchdogFactor));
    return scaled.compareTo(watchdogMinimum) > 0 ? scaled : watchdogMinimum;
  }
}
