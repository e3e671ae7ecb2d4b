package dev.lpnode.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration flag: its go-livepeer name (used as {@code -name}, as {@code name} in a
 * {@code -config} file and as {@code LP_NAME} in the environment), how its text is parsed, its
 * default and its help.
 */
public final class Flag<T> {
  private final String name;
  private final List<String> aliases;
  private final String group;
  private final String help;
  private final T defaultValue;
  private final ValueParser<T> parser;
  private final boolean isBoolean;
  private final boolean secret;

  private Flag(String name, List<String> aliases, String group, String help, T defaultValue,
      ValueParser<T> parser, boolean isBoolean, boolean secret) {
    this.name = Objects.requireNonNull(name);
    this.aliases = List.copyOf(aliases);
    this.group = group;
    this.help = help;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.isBoolean = isBoolean;
    this.secret = secret;
  }

  public static <T> Flag<T> of(String group, String name, T defaultValue, ValueParser<T> parser, String help) {
    return new Flag<>(name, List.of(), group, help, defaultValue, parser, false, false);
  }

  public static Flag<Boolean> bool(String group, String name, boolean defaultValue, String help) {
    return new Flag<>(name, List.of(), group, help, defaultValue, ValueParsers.BOOLEAN, true, false);
  }

  /** The same flag, also accepted under other names (e.g. go-livepeer's deprecated spellings). */
  public Flag<T> withAliases(String... names) {
    return new Flag<>(name, List.of(names), group, help, defaultValue, parser, isBoolean, secret);
  }

  /** The same flag, its value masked when the configuration is printed. */
  public Flag<T> secret() {
    return new Flag<>(name, aliases, group, help, defaultValue, parser, isBoolean, true);
  }

  public String name() {
    return name;
  }

  public List<String> aliases() {
    return aliases;
  }

  public String group() {
    return group;
  }

  public String help() {
    return help;
  }

  /** The default, or null when the flag has none (unset). */
  public T defaultValue() {
    return defaultValue;
  }

  public boolean isBoolean() {
    return isBoolean;
  }

  public boolean isSecret() {
    return secret;
  }

  /** The environment variable that sets this flag, as go-livepeer's ff parser names it. */
  public String envName() {
    return "LP_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  T parse(String text) {
    try {
      return parser.parse(text.trim());
    } catch (ConfigException e) {
      throw new ConfigException("invalid value \"" + text + "\" for flag -" + name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ConfigException("invalid value \"" + text + "\" for flag -" + name + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "-" + name;
  }

  /** Turns a flag's text into its value, throwing {@link ConfigException} with the reason. */
  @FunctionalInterface
  public interface ValueParser<T> {
    T parse(String text);
  }
}
