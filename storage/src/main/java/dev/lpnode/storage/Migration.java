package dev.lpnode.storage;

import java.util.List;

/** One step of a schema: its version (increasing from 1) and the SQL statements it runs. */
public record Migration(int version, String description, List<String> statements) {
  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1");
    }
    statements = List.copyOf(statements);
  }

  public static Migration of(int version, String description, String... statements) {
    return new Migration(version, description, List.of(statements));
  }
}
