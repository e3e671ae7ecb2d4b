package dev.lpnode.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.lpnode.config.Flags;
import dev.lpnode.config.NodeConfig;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * go-livepeer's {@code -v} (glog verbosity, default 3) on logback. glog prints its info, warning
 * and error lines at every verbosity and adds {@code V(n)} lines at {@code -v n} and above
 * (go-livepeer: 4 short, 5 debug, 6 verbose); lpnode's detail lines are DEBUG, so:
 *
 * <pre>
 *   -v 0-3  dev.lpnode at INFO (the default)
 *   -v 4-6  dev.lpnode at DEBUG
 *   -v 7+   dev.lpnode at TRACE, and Vert.x and Netty at DEBUG
 * </pre>
 *
 * Levels change only when {@code -v} is given, so a logback file of the operator's own
 * ({@code -Dlogback.configurationFile}) keeps its levels otherwise.
 */
final class LogVerbosity {
  private LogVerbosity() {}

  static void apply(NodeConfig config) {
    if (!config.isSet(Flags.VERBOSITY)) {
      return;
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext logback)) {
      return;
    }
    int v = config.get(Flags.VERBOSITY);
    logback.getLogger("dev.lpnode").setLevel(lpnodeLevel(v));
    if (v >= 7) {
      logback.getLogger("io.vertx").setLevel(Level.DEBUG);
      logback.getLogger("io.netty").setLevel(Level.DEBUG);
    }
  }

  static Level lpnodeLevel(int v) {
    return v >= 7 ? Level.TRACE : v >= 4 ? Level.DEBUG : Level.INFO;
  }
}
