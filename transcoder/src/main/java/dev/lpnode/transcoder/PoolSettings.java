package dev.lpnode.transcoder;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TranscoderPool} runs its worker processes.
 *
 * @param workers          worker processes on the CPU (with GPUs: one per GPU instead)
 * @param slotsPerWorker   segments one CPU worker transcodes at once
 * @param stopGrace        how long a worker may take to stop a segment it was asked to stop (past its
 *                         deadline, or given up) before it is considered hung and killed
 * @param workerJvmOptions JVM options of the worker processes (heap size and the like)
 */
public record PoolSettings(int workers, int slotsPerWorker, Duration stopGrace, List<String> workerJvmOptions) {

  public PoolSettings {
    if (workers < 1 || slotsPerWorker < 1) {
      throw new IllegalArgumentException("workers and slotsPerWorker must be at least 1");
    }
    Objects.requireNonNull(stopGrace, "stopGrace");
    workerJvmOptions = List.copyOf(workerJvmOptions);
  }

  /**
   * Worker JVMs: a heap that can hold the largest segments, with a small part of it touched up front and
   * a collector that keeps the heap no larger than needed, so a worker's memory stays flat.
   */
  public static final List<String> DEFAULT_WORKER_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmx1g", "-XX:+AlwaysPreTouch");

  /**
   * A segment stops within one step (a packet or a frame: milliseconds) when asked; a worker that has
   * not let go of it after this long is stuck in native code.
   */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

  /** {@code workers} processes of {@code slotsPerWorker} segments, {@link #DEFAULT_STOP_GRACE}. */
  public static PoolSettings of(int workers, int slotsPerWorker) {
    return new PoolSettings(workers, slotsPerWorker, DEFAULT_STOP_GRACE, DEFAULT_WORKER_JVM_OPTIONS);
  }

  public PoolSettings withWorkerJvmOptions(List<String> options) {
    return new PoolSettings(workers, slotsPerWorker, stopGrace, options);
  }

  public PoolSettings withStopGrace(Duration grace) {
    return new PoolSettings(workers, slotsPerWorker, grace, workerJvmOptions);
  }
}
