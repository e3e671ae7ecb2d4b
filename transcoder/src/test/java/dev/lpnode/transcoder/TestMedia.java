package dev.lpnode.transcoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's test segments ({@code testdata/}, see its README). */
public final class TestMedia {
  private TestMedia() {}

  public static Path dir() {
    String dir = System.getProperty("lpnode.testdata");
    if (dir == null) {
      throw new IllegalStateException("system property lpnode.testdata is not set (the root pom sets it for surefire)");
    }
    return Path.of(dir);
  }

  /** What a sender would declare for {@code segment}: its video's duration, or 2 s for what has none. */
  public static long declaredDurationMs(byte[] segment) {
    try {
      long ms = MediaProbe.probe(segment).durationMs();
      return ms > 0 ? ms : 2000;
    } catch (TranscodeException unreadable) {
      return 2000;
    }
  }

  public static byte[] read(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
