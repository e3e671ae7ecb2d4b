package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.lpnode.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogVerbosityTest {
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Level lpnode = logback.getLogger("dev.lpnode").getLevel();
  private final Level vertx = logback.getLogger("io.vertx").getLevel();
  private final Level netty = logback.getLogger("io.netty").getLevel();

  @AfterEach
  void restore() {
    logback.getLogger("dev.lpnode").setLevel(lpnode);
    logback.getLogger("io.vertx").setLevel(vertx);
    logback.getLogger("io.netty").setLevel(netty);
  }

  private static void start(String... args) {
    LogVerbosity.apply(ConfigLoader.load(args, Map.of()));
  }

  @Test
  void mapsGlogVerbosityOntoLogbackLevels() {
    assertThat(LogVerbosity.lpnodeLevel(0)).isEqualTo(Level.INFO);
    assertThat(LogVerbosity.lpnodeLevel(3)).isEqualTo(Level.INFO);
    assertThat(LogVerbosity.lpnodeLevel(4)).isEqualTo(Level.DEBUG);
    assertThat(LogVerbosity.lpnodeLevel(6)).isEqualTo(Level.DEBUG);
    assertThat(LogVerbosity.lpnodeLevel(7)).isEqualTo(Level.TRACE);
  }

  @Test
  void debugLinesAppearFromSixAndLibrariesFromSeven() {
    org.slf4j.Logger node = LoggerFactory.getLogger("dev.lpnode.gateway.rtmp.RtmpSession");
    start("-orchestrator");
    assertThat(node.isDebugEnabled()).as("without -v, the logback file decides").isFalse();

    start("-v", "6");
    assertThat(node.isDebugEnabled()).isTrue();
    assertThat(node.isTraceEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("io.vertx.core.net.impl.ConnectionBase").isDebugEnabled()).isFalse();

    start("-v", "7");
    assertThat(node.isTraceEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.vertx.core.net.impl.ConnectionBase").isDebugEnabled()).isTrue();

    start("-v", "3");
    assertThat(node.isDebugEnabled()).isFalse();
  }
}
