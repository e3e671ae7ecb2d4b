package dev.lpnode.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link NodeConfig} the way go-livepeer does: flags ({@code -name value},
 * {@code -name=value}, {@code --name}; booleans as {@code -name} or {@code -name=false}) override
 * {@code LP_*} environment variables, which override the {@code -config} file.
 */
public final class ConfigLoader {
  private final List<Flag<?>> flags;
  private final Map<String, Flag<?>> byName = new HashMap<>();

  public ConfigLoader(List<Flag<?>> flags) {
    this.flags = List.copyOf(flags);
    for (Flag<?> f : flags) {
      byName.put(f.name(), f);
      f.aliases().forEach(a -> byName.put(a, f));
    }
  }

  public static NodeConfig load(String[] args, Map<String, String> env) {
    return new ConfigLoader(Flags.ALL).parse(args, env);
  }

  public NodeConfig parse(String[] args, Map<String, String> env) {
    Map<Flag<?>, String> fromArgs = parseArgs(args);
    Map<Flag<?>, String> fromEnv = new LinkedHashMap<>();
    for (Flag<?> f : flags) {
      String value = env.get(f.envName());
      if (value != null) {
        fromEnv.put(f, value);
      }
    }
    String configFile = fromArgs.containsKey(Flags.CONFIG) ? fromArgs.get(Flags.CONFIG) : fromEnv.get(Flags.CONFIG);
    Map<Flag<?>, String> fromFile = configFile == null ? Map.of() : parseFile(Flags.CONFIG.parse(configFile));

    Map<Flag<?>, Object> values = new LinkedHashMap<>();
    Map<Flag<?>, Source> sources = new LinkedHashMap<>();
    apply(fromFile, Source.FILE, values, sources);
    apply(fromEnv, Source.ENV, values, sources);
    apply(fromArgs, Source.FLAG, values, sources);
    return new NodeConfig(flags, values, sources);
  }

  private static void apply(Map<Flag<?>, String> texts, Source source, Map<Flag<?>, Object> values, Map<Flag<?>, Source> sources) {
    texts.forEach((flag, text) -> {
      values.put(flag, flag.parse(text));
      sources.put(flag, source);
    });
  }

  private Map<Flag<?>, String> parseArgs(String[] args) {
    Map<Flag<?>, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
        throw new ConfigException("unexpected argument \"" + arg + "\"; flags look like -name value");
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Flag<?> flag = flag(name, "flag provided but not defined: -" + name);
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (flag.isBoolean()) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("flag needs an argument: -" + name);
      }
      out.put(flag, value);
    }
    return out;
  }

  /** go-livepeer's config file: one {@code key value} per line (key = flag name); '#' starts a comment line. */
  private Map<Flag<?>, String> parseFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<Flag<?>, String> out = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      String name = parts[0].replaceFirst("^-+", "");
      String where = "config file " + file + " line " + (n + 1) + ": ";
      Flag<?> flag = flag(name, where + "unknown flag \"" + name + "\"");
      if (flag == Flags.CONFIG) {
        throw new ConfigException(where + "a config file cannot name another config file");
      }
      String value = parts.length > 1 ? parts[1].strip() : "";
      if (value.isEmpty() && !flag.isBoolean()) {
        throw new ConfigException(where + "flag \"" + name + "\" needs a value");
      }
      out.put(flag, value.isEmpty() ? "true" : value);
    }
    return out;
  }

  private Flag<?> flag(String name, String errorIfUnknown) {
    Flag<?> flag = byName.get(name);
    if (flag == null) {
      throw new ConfigException(errorIfUnknown);
    }
    return flag;
  }
}
