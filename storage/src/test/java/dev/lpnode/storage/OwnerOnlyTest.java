package dev.lpnode.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
  @TempDir Path dir;

  @Test
  void writesA0600FileInNew0700DirectoriesAndReplacesItWhole() throws Exception {
    Path file = dir.resolve("a/b/key.pem");
    OwnerOnly.write(file, "one".getBytes(StandardCharsets.US_ASCII));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnly.FILE);
    assertThat(Files.getPosixFilePermissions(dir.resolve("a"))).isEqualTo(OwnerOnly.DIRECTORY);
    assertThat(Files.getPosixFilePermissions(dir.resolve("a/b"))).isEqualTo(OwnerOnly.DIRECTORY);

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    OwnerOnly.write(file, "two".getBytes(StandardCharsets.US_ASCII));
    assertThat(Files.readString(file)).isEqualTo("two");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnly.FILE);
    assertThat(Files.list(file.getParent())).as("no temporary file left behind").containsExactly(file);
  }

  @Test
  void leavesExistingDirectoriesAsTheyAre() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    OwnerOnly.createDirectories(shared);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void restrictsAFileOthersCouldRead() throws Exception {
    Path file = Files.writeString(dir.resolve("old"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    OwnerOnly.createOrRestrict(file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnly.FILE);
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
