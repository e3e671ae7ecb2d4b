package dev.lpnode.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A port free on this machine now, for a node a test starts with explicit addresses. */
public final class FreePort {
  private FreePort() {}

  public static int next() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
