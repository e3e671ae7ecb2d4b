package dev.lpnode.config.log;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A log for what unauthenticated input causes (bad requests, refused connections, garbage on a
 * port): one line per cause per interval at most, the occurrences in between counted on the next
 * line, never a stack trace, and every argument cut short and stripped of control characters. So
 * 100,000 bad requests cost a few lines, and a client cannot forge lines or flood the disk.
 *
 * <p>A cause is a constant chosen by the caller ("push: bad URL"), never text from the input: the
 * number of causes, and so the memory this keeps, is bounded by the code.
 */
public final class ThrottledLog {
  /** The longest an argument may be; input beyond it is cut and marked with "…". */
  static final int MAX_ARGUMENT_CHARS = 160;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  private final Consumer<String> sink;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** A cause's current interval: when it may be logged again, and what was held back meanwhile. */
  private static final class Window {
    long nextNanos;
    long suppressed;
  }

  ThrottledLog(Consumer<String> sink, Duration interval, LongSupplier nanoTime) {
    this.sink = sink;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Lines at WARN on {@code log}, a cause at most once per {@link #DEFAULT_INTERVAL}. */
  public static ThrottledLog warn(Logger log) {
    return new ThrottledLog(log::warn, DEFAULT_INTERVAL, System::nanoTime);
  }

  /** Lines at INFO on {@code log}, for refusals that are routine rather than suspicious. */
  public static ThrottledLog info(Logger log) {
    return new ThrottledLog(log::info, DEFAULT_INTERVAL, System::nanoTime);
  }

  /**
   * Logs {@code cause: detail} unless the cause was logged less than an interval ago; then it only
   * counts. {@code {}} in {@code detail} is replaced by the arguments in order, sanitized. A
   * {@link Throwable} argument is logged as its class and message, never as a trace.
   */
  public void log(String cause, String detail, Object... args) {
    long suppressed;
    long now = nanoTime.getAsLong();
    Window window = windows.computeIfAbsent(cause, c -> new Window());
    synchronized (window) {
      if (window.nextNanos != 0 && now - window.nextNanos < 0) {
        window.suppressed++;
        return;
      }
      suppressed = window.suppressed;
      window.suppressed = 0;
      window.nextNanos = now + intervalNanos;
    }
    String line = cause + ": " + format(detail, args);
    if (suppressed > 0) {
      line += " (and " + suppressed + " more since the last line)";
    }
    sink.accept(line);
  }

  private static String format(String detail, Object[] args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    int from = 0;
    for (int at = detail.indexOf("{}"); at >= 0 && next < args.length; at = detail.indexOf("{}", from)) {
      out.append(detail, from, at).append(sanitize(args[next++]));
      from = at + 2;
    }
    return out.append(detail, from, detail.length()).toString();
  }

  /** The argument as one short printable line. */
  static String sanitize(Object arg) {
    String text = arg instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage() : String.valueOf(arg);
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ARGUMENT_CHARS + 1));
    for (int i = 0; i < text.length(); i++) {
      if (out.length() == MAX_ARGUMENT_CHARS) {
        return out.append('…').toString();
      }
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
