package dev.lpnode.eth;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long the block watcher waits after failed polls: the polling interval while the endpoint
 * answers; after each consecutive failure (unreachable, HTTP 429, an error reply) twice the last
 * ceiling, up to {@link #MAX}, drawn between half the ceiling and the ceiling so that nodes
 * behind one endpoint do not retry in step.
 */
final class PollBackoff {
  static final Duration MAX = Duration.ofMinutes(1);

  private final long baseMillis;
  private final DoubleSupplier random;
  private int failures;

  /** @param random uniform in [0, 1) */
  PollBackoff(Duration interval, DoubleSupplier random) {
    this.baseMillis = Math.min(interval.toMillis(), MAX.toMillis());
    this.random = random;
  }

  /** The delay before the next poll after one more failure. */
  Duration failed() {
    failures++;
    long ceiling = baseMillis << Math.min(failures, 20);
    ceiling = Math.min(ceiling, MAX.toMillis());
    return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
  }

  /** A poll succeeded: back to the polling interval. Returns how many polls had failed before it. */
  int succeeded() {
    int failed = failures;
    failures = 0;
    return failed;
  }

  Duration interval() {
    return Duration.ofMillis(baseMillis);
  }
}
