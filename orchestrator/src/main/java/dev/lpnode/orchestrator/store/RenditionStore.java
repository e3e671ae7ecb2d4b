package dev.lpnode.orchestrator.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory store rendition URLs point at ({@code /stream/<session>/<profile>/<seq><ext>}),
 * like go-livepeer's memory driver: each directory keeps its 12 most recent files, so memory stays
 * bounded however long a stream runs. Thread-safe.
 */
public final class RenditionStore {
  public static final int FILES_PER_DIRECTORY = 12;

  private final Map<String, Deque<StoredFile>> directories = new HashMap<>();

  /** Stores {@code data} at {@code directory/name}, evicting the directory's oldest file beyond the limit. */
  public synchronized void put(String directory, String name, byte[] data) {
    Deque<StoredFile> files = directories.computeIfAbsent(directory, d -> new ArrayDeque<>());
    files.removeIf(f -> f.name().equals(name));
    files.addLast(new StoredFile(name, data));
    while (files.size() > FILES_PER_DIRECTORY) {
      files.removeFirst();
    }
  }

  public synchronized Optional<byte[]> get(String directory, String name) {
    Deque<StoredFile> files = directories.get(directory);
    if (files == null) {
      return Optional.empty();
    }
    return files.stream().filter(f -> f.name().equals(name)).map(StoredFile::data).findFirst();
  }

  /** Drops every directory under {@code prefix} (a session's renditions when it ends). */
  public synchronized void removeAll(String prefix) {
    directories.keySet().removeIf(d -> d.equals(prefix) || d.startsWith(prefix + "/"));
  }

  public synchronized long bytesStored() {
    return directories.values().stream().flatMap(Deque::stream).mapToLong(f -> f.data().length).sum();
  }

  private record StoredFile(String name, byte[] data) {}
}
