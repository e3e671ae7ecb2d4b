package dev.lpnode.config;

/** Configuration that cannot be used. The node prints the message and exits with status 2. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
