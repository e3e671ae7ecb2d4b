package dev.lpnode.node.keys;

import dev.lpnode.config.ConfigException;
import dev.lpnode.storage.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A secret the node makes for itself (a keystore password, the operator API token), kept on the
 * first line of a 0600 file in the data directory. Its {@code toString} names the file, never the
 * value, so logging one cannot leak it.
 */
public final class SecretFile {
  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final String value;
  private final boolean created;

  private SecretFile(Path file, String value, boolean created) {
    this.file = file;
    this.value = value;
    this.created = created;
  }

  /** The secret in {@code file}; a new random one (256 bits, base64url) written there if the file does not exist. */
  public static SecretFile readOrCreate(Path file) {
    Optional<String> existing = read(file);
    if (existing.isPresent()) {
      return new SecretFile(file, existing.get(), false);
    }
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      OwnerOnly.write(file, (value + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new ConfigException("cannot write " + file + ": " + e.getMessage());
    }
    return new SecretFile(file, value, true);
  }

  /** The first line of {@code file}, or empty when there is no such file; an empty file is refused. */
  public static Optional<String> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String value = lines.isEmpty() ? "" : lines.get(0).strip();
      if (value.isEmpty()) {
        throw new ConfigException(file + " is empty: delete it and the node makes a new secret there");
      }
      return Optional.of(value);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  public String value() {
    return value;
  }

  /** Whether the secret was made now (else it was read from its file). */
  public boolean created() {
    return created;
  }

  @Override
  public String toString() {
    return "secret in " + file;
  }
}
