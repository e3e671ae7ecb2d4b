package dev.lpnode.bench.orchestrator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts Vert.x's blocked-thread warnings ({@code Thread[…] has been blocked for … ms}) logged
 * anywhere in the process: an event loop or worker that blocks is a bug the soak must show.
 */
final class BlockedThreadWarnings extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final AtomicLong count = new AtomicLong();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private BlockedThreadWarnings() {}

  /** Starts counting on the root logger. */
  static BlockedThreadWarnings install() {
    BlockedThreadWarnings warnings = new BlockedThreadWarnings();
    warnings.setContext(warnings.root.getLoggerContext());
    warnings.setName("blocked-thread-warnings");
    warnings.start();
    warnings.root.addAppender(warnings);
    return warnings;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getFormattedMessage() != null && event.getFormattedMessage().contains("has been blocked")) {
      count.incrementAndGet();
    }
  }

  long count() {
    return count.get();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
