package dev.lpnode.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  private static final Migration V1 = Migration.of(1, "items", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  private static final Migration V2 = Migration.of(2, "item price", "ALTER TABLE item ADD COLUMN price INTEGER NOT NULL DEFAULT 0");

  @Test
  void opensDurablyAndMigrates(@TempDir Path dir) {
    Path file = dir.resolve("sub/state.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, List.of(V1))) {
      assertThat(db.schemaVersion()).isEqualTo(1);
      db.execute(c -> update(c, "INSERT INTO item (name) VALUES ('a')"));
      String journal = db.inTransaction(c -> query(c, "PRAGMA journal_mode"));
      String sync = db.inTransaction(c -> query(c, "PRAGMA synchronous"));
      assertThat(journal).isEqualTo("wal");
      assertThat(sync).isEqualTo("2");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file, List.of(V1, V2))) {
      assertThat(db.schemaVersion()).isEqualTo(2);
      String price = db.inTransaction(c -> query(c, "SELECT price FROM item WHERE name = 'a'"));
      assertThat(price).isEqualTo("0");
    }
  }

  @Test
  void failedWorkRollsBack(@TempDir Path dir) {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("s.sqlite3"), List.of(V1))) {
      assertThatThrownBy(() -> db.execute(c -> {
        update(c, "INSERT INTO item (name) VALUES ('x')");
        throw new IllegalStateException("boom");
      })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      String count = db.inTransaction(c -> query(c, "SELECT COUNT(*) FROM item"));
      assertThat(count).isEqualTo("0");
    }
  }

  @Test
  void rejectsMigrationsOutOfOrder(@TempDir Path dir) {
    assertThatThrownBy(() -> SqliteDatabase.open(dir.resolve("s.sqlite3"), List.of(V2, V1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increasing versions");
  }

  @Test
  void onlyTheNodesUserCanReadTheDatabaseAndItsSideFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("new/dir/state.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, List.of(V1))) {
      db.execute(c -> update(c, "INSERT INTO item (name) VALUES ('a')"));
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnly.FILE);
      assertThat(Files.getPosixFilePermissions(file.resolveSibling("state.sqlite3-wal"))).isEqualTo(OwnerOnly.FILE);
      assertThat(Files.getPosixFilePermissions(file.resolveSibling("state.sqlite3-shm"))).isEqualTo(OwnerOnly.FILE);
      assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(OwnerOnly.DIRECTORY);
      assertThat(Files.getPosixFilePermissions(file.getParent().getParent())).isEqualTo(OwnerOnly.DIRECTORY);
    }
  }

  @Test
  void aDatabaseFromBeforeIsMadePrivate(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("old.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, List.of(V1))) {
      db.execute(c -> update(c, "INSERT INTO item (name) VALUES ('a')"));
    }
    Set<PosixFilePermission> worldReadable = PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(file, worldReadable);
    Path wal = Files.writeString(file.resolveSibling("old.sqlite3-wal"), "");
    Files.setPosixFilePermissions(wal, worldReadable);

    try (SqliteDatabase db = SqliteDatabase.open(file, List.of(V1))) {
      String name = db.inTransaction(c -> query(c, "SELECT name FROM item"));
      assertThat(name).isEqualTo("a");
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnly.FILE);
      assertThat(Files.getPosixFilePermissions(wal)).isEqualTo(OwnerOnly.FILE);
    }
  }

  private static void update(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static String query(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
