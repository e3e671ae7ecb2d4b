package dev.lpnode.remote;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to dial the orchestrator again: exponential back-off with jitter, as go-livepeer's
 * transcoder (initial 0.5 s, × 1.5 per failure, ± 50 %, at most 1 min, forever), but reset once a
 * registration succeeds, so that after an orchestrator restart a transcoder is back within seconds
 * rather than at whatever interval its earlier outages had reached.
 */
final class ReconnectBackoff {
  static final Duration INITIAL = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofMinutes(1);
  private static final double MULTIPLIER = 1.5;
  private static final double JITTER = 0.5;

  private final DoubleSupplier random;
  private double currentMs = INITIAL.toMillis();

  /** @param random uniform in [0, 1) */
  ReconnectBackoff(DoubleSupplier random) {
    this.random = random;
  }

  /** The wait before the next attempt; each call lengthens the one after. */
  Duration next() {
    double delta = JITTER * currentMs;
    double jittered = currentMs - delta + random.getAsDouble() * 2 * delta;
    currentMs = Math.min(currentMs * MULTIPLIER, MAX.toMillis());
    return Duration.ofMillis(Math.round(Math.min(jittered, MAX.toMillis())));
  }

  /** After a successful registration: the next outage starts from {@link #INITIAL} again. */
  void reset() {
    currentMs = INITIAL.toMillis();
  }
}
