package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** {@code -nvidia all}: the GPUs the NVIDIA driver lists (one directory each under /proc/driver/nvidia/gpus). */
final class NvidiaGpus {
  private NvidiaGpus() {}

  static List<Integer> all(Path driverDir) {
    long count = 0;
    if (Files.isDirectory(driverDir)) {
      try (Stream<Path> gpus = Files.list(driverDir)) {
        count = gpus.count();
      } catch (IOException e) {
        throw new ConfigException("-nvidia all: cannot list " + driverDir + ": " + e.getMessage());
      }
    }
    if (count == 0) {
      throw new ConfigException("-nvidia all: no NVIDIA GPU found (the driver lists none in " + driverDir + ")");
    }
    return IntStream.range(0, (int) count).boxed().toList();
  }
}
