package dev.lpnode.config;

/**
 * {@code -maxSessions}: a number of sessions, or {@code auto}: what the node's transcoders can take in
 * real time (measured at start for local transcoding; go-livepeer: the connected transcoders' capacity).
 */
public record SessionLimit(int fixed) {
  public static final SessionLimit AUTO = new SessionLimit(0);

  public SessionLimit {
    if (fixed < 0) {
      throw new IllegalArgumentException("a session limit cannot be negative");
    }
  }

  public static SessionLimit of(int sessions) {
    if (sessions < 1) {
      throw new IllegalArgumentException("a fixed session limit is at least 1");
    }
    return new SessionLimit(sessions);
  }

  public boolean auto() {
    return fixed == 0;
  }

  /** The fixed limit, or {@code automatic} when it is {@code auto}. */
  public int orElse(int automatic) {
    return auto() ? automatic : fixed;
  }

  @Override
  public String toString() {
    return auto() ? "auto" : Integer.toString(fixed);
  }
}
