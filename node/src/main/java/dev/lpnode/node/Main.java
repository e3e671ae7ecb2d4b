package dev.lpnode.node;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.config.ConfigTable;
import dev.lpnode.config.Flags;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.node.demo.Demo;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./lpnode [flags]}: parses go-livepeer's flags (plus {@code -config} and {@code LP_*}),
 * prints the effective configuration and runs the node until SIGTERM or Ctrl-C, which drain it.
 * {@code ./lpnode demo [flags]} runs the combined node on a sample stream ({@link Demo}).
 * A configuration that cannot be used exits with status 2 and a message saying why.
 */
public final class Main {
  public static final String VERSION = "lpnode 0.1.0 (protocol " + dev.lpnode.orchestrator.OrchestratorNode.PROTOCOL_VERSION + ")";
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")) {
      int status = Demo.run(List.of(args).subList(1, args.length), System.out);
      if (status != 0) {
        System.exit(status);
      }
      return;
    }
    NodeConfig config;
    try {
      config = ConfigLoader.load(args, System.getenv());
    } catch (ConfigException e) {
      exit(2, "lpnode: " + e.getMessage() + " (see -help)");
      return;
    }
    if (config.get(Flags.HELP)) {
      System.out.print(ConfigTable.help(Flags.ALL));
      return;
    }
    if (config.get(Flags.VERSION)) {
      System.out.println(VERSION);
      return;
    }
    if (!config.orchestrator() && !config.transcoder() && !config.gateway()) {
      exit(2, "lpnode: no role given: run with -orchestrator -transcoder (a combined node), -gateway, or both;"
          + " ./lpnode demo shows them at work; see -help");
      return;
    }
    System.out.print(ConfigTable.render(config));
    LivepeerNode node;
    try {
      node = LivepeerNode.start(config);
    } catch (ConfigException e) {
      exit(2, "lpnode: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      e.printStackTrace();
      exit(1, "lpnode: could not start: " + e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> node.stop(DRAIN_TIMEOUT), "lpnode-shutdown"));
  }

  private static void exit(int status, String message) {
    System.err.println(message);
    System.exit(status);
  }
}
