package dev.lpnode.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite database file opened for durability: WAL journal, {@code synchronous=FULL} (a
 * committed transaction survives power loss and SIGKILL), foreign keys on, and the schema brought
 * up to date by versioned {@link Migration}s at open.
 *
 * <p>A single connection serves every caller, one at a time: SQLite serialises writers anyway,
 * and one connection keeps each transaction's view simple. Calls block on disk I/O, so never
 * make them on an event loop. The file and its side files are readable by the node's user only.
 */
public final class SqliteDatabase implements AutoCloseable {
  private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final Path file;

  private SqliteDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) {@code file} and applies every migration whose version is above the
   * schema's current version, each in its own transaction.
   */
  public static SqliteDatabase open(Path file, List<Migration> migrations) {
    checkOrder(migrations);
    Connection connection = null;
    try {
      makePrivate(file);
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      connection.setAutoCommit(false);
      SqliteDatabase db = new SqliteDatabase(file, connection);
      db.migrate(migrations);
      return db;
    } catch (Exception e) {
      closeQuietly(connection);
      throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The database is created 0600 (in a 0700 directory when that is created too) before SQLite opens
   * it: SQLite gives its {@code -wal}, {@code -shm} and {@code -journal} files the database's mode.
   * Files left by older versions, which were 0644, are restricted.
   */
  private static void makePrivate(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    OwnerOnly.createDirectories(absolute.getParent());
    OwnerOnly.createOrRestrict(absolute);
    for (String suffix : SIDE_FILES) {
      Path side = absolute.resolveSibling(absolute.getFileName() + suffix);
      if (Files.exists(side)) {
        OwnerOnly.restrict(side);
      }
    }
  }

  private static void checkOrder(List<Migration> migrations) {
    int previous = 0;
    for (Migration m : migrations) {
      if (m.version() <= previous) {
        throw new IllegalArgumentException("migrations must have increasing versions: " + m.version() + " after " + previous);
      }
      previous = m.version();
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already failing; the original error is the one to report
      }
    }
  }

  public Path file() {
    return file;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    lock.lock();
    try {
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (Exception e) {
        connection.rollback();
        throw e;
      }
    } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new StorageException("database " + file.getFileName() + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Like {@link #inTransaction} for work without a result. */
  public void execute(SqlAction action) {
    inTransaction(c -> {
      action.accept(c);
      return null;
    });
  }

  /** The schema version: the highest migration applied. */
  public int schemaVersion() {
    return inTransaction(SqliteDatabase::versionOf);
  }

  private void migrate(List<Migration> migrations) {
    execute(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      }
    });
    for (Migration m : migrations) {
      execute(c -> {
        if (versionOf(c) >= m.version()) {
          return;
        }
        try (Statement s = c.createStatement()) {
          for (String sql : m.statements()) {
            s.execute(sql);
          }
          s.execute("DELETE FROM schema_version");
          s.execute("INSERT INTO schema_version (version) VALUES (" + m.version() + ")");
        }
      });
    }
  }

  private static int versionOf(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StorageException("cannot close database " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Work on the connection inside a transaction. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws Exception;
  }

  /** An action on the connection inside a transaction. */
  @FunctionalInterface
  public interface SqlAction {
    void accept(Connection connection) throws Exception;
  }
}
