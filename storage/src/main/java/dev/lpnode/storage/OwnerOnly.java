package dev.lpnode.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the node's user can read: 0600 files, 0700 directories, set when a
 * file is created (never widened first and narrowed later). Keys, keystores, secrets and databases
 * go through here. On a file system without POSIX permissions the rules are skipped.
 */
public final class OwnerOnly {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Creates {@code dir} and its missing parents as 0700; directories that exist keep their permissions. */
  public static Path createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    try {
      return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } catch (UnsupportedOperationException e) {
      return Files.createDirectories(dir);
    }
  }

  /**
   * Replaces {@code file} with {@code content}, atomically: the bytes go to a 0600 temporary file
   * in the same directory, which then takes the file's name. Readers see the old or the new file.
   */
  public static void write(Path file, byte[] content) throws IOException {
    Path dir = createDirectories(file.toAbsolutePath().getParent());
    Path temp = createTemp(dir, file.getFileName().toString());
    try {
      Files.write(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code file} empty and 0600 unless it exists; restricts it to 0600 if it does. */
  public static void createOrRestrict(Path file) throws IOException {
    try {
      Files.createFile(file, fileAttribute());
    } catch (FileAlreadyExistsException e) {
      restrict(file);
    } catch (UnsupportedOperationException e) {
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
    }
  }

  /** Restricts an existing file to 0600 when others may read or write it. */
  public static void restrict(Path file) throws IOException {
    try {
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
      if (!FILE.containsAll(current)) {
        Files.setPosixFilePermissions(file, FILE);
      }
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions on this file system
    }
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    try {
      return Files.createTempFile(dir, "." + name, ".tmp", fileAttribute());
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, "." + name, ".tmp");
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }
}
