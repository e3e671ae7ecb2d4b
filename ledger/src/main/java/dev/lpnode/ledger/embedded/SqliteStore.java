package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.rules.Store;
import dev.lpnode.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ledger's key-value state in one SQLite table, used inside a {@code SqliteDatabase} transaction. */
final class SqliteStore implements Store {
  static final String SCHEMA = "CREATE TABLE ledger_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID";

  private final Connection connection;

  SqliteStore(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<String> get(String key) {
    try (PreparedStatement s = connection.prepareStatement("SELECT value FROM ledger_state WHERE key = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read " + key, e);
    }
  }

  @Override
  public void put(String key, String value) {
    update("INSERT INTO ledger_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }

  @Override
  public void delete(String key) {
    update("DELETE FROM ledger_state WHERE key = ?", key);
  }

  @Override
  public List<Map.Entry<String, String>> range(String from, String to, boolean descending, int limit) {
    String sql = "SELECT key, value FROM ledger_state WHERE key >= ? AND key < ? ORDER BY key " + (descending ? "DESC" : "ASC") + " LIMIT ?";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, from);
      s.setString(2, to);
      s.setInt(3, limit);
      List<Map.Entry<String, String>> result = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(Map.entry(rs.getString(1), rs.getString(2)));
        }
      }
      return result;
    } catch (SQLException e) {
      throw failure("scan " + from, e);
    }
  }

  @Override
  public void deleteRange(String from, String to) {
    update("DELETE FROM ledger_state WHERE key >= ? AND key < ?", from, to);
  }

  private void update(String sql, String... args) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("write " + args[0], e);
    }
  }

  private static StorageException failure(String what, SQLException e) {
    return new StorageException("ledger state: cannot " + what + ": " + e.getMessage(), e);
  }
}
