package dev.lpnode.transcoder.engine;

/**
 * Tells a running segment to stop: its caller gave up on it or its deadline passed. The engine looks
 * at it between steps, so a segment stops within one step (a packet or a frame) and frees everything.
 */
public final class StopSignal {
  private volatile boolean stopped;
  private Runnable listener;

  public void stop() {
    Runnable notify;
    synchronized (this) {
      stopped = true;
      notify = listener;
    }
    if (notify != null) {
      notify.run();
    }
  }

  public boolean stopped() {
    return stopped;
  }

  /** Runs {@code wake} when the signal is given (at once if it was), so waiting threads look again. */
  void onStop(Runnable wake) {
    boolean now;
    synchronized (this) {
      listener = wake;
      now = stopped;
    }
    if (now) {
      wake.run();
    }
  }
}
