package dev.lpnode.bench.orchestrator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * During a soak on remote transcoders: every {@code interval}, the next transcoder in turn is
 * SIGKILLed mid-work and started again at once (its JVM start and transcoder test take seconds, so
 * the others carry its sessions meanwhile). Stops at the deadline it is given.
 */
final class TranscoderKills implements AutoCloseable {
  private final RemoteTranscoders transcoders;
  private final Duration interval;
  private final PrintStream out;
  private final AtomicInteger kills = new AtomicInteger();
  private final Thread thread;
  private volatile long deadlineNanos;
  private volatile String failure;

  TranscoderKills(RemoteTranscoders transcoders, Duration interval, PrintStream out) {
    this.transcoders = transcoders;
    this.interval = interval;
    this.out = out;
    this.thread = new Thread(this::killInTurn, "soak-transcoder-kills");
    thread.setDaemon(true);
  }

  /** Starts killing; the last kill is at least one interval before {@code deadlineNanos}, so its restart fits. */
  void start(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    thread.start();
  }

  int kills() {
    return kills.get();
  }

  /** Why a killed transcoder could not be started again, or null. */
  String failure() {
    return failure;
  }

  private void killInTurn() {
    long started = System.nanoTime();
    try {
      for (int next = 0; System.nanoTime() + 2 * interval.toNanos() < deadlineNanos; next = (next + 1) % transcoders.count()) {
        Thread.sleep(interval.toMillis());
        transcoders.kill(next);
        kills.incrementAndGet();
        long killedAt = System.nanoTime();
        transcoders.restart(next);
        out.printf(Locale.ROOT, "  [%d s] transcoder %d SIGKILLed, registered again %.1f s later%n",
            Duration.ofNanos(killedAt - started).toSeconds(), next, (System.nanoTime() - killedAt) / 1e9);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e.getMessage();
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(60_000);
  }
}
