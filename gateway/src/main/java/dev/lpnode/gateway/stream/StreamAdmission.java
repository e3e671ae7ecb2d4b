package dev.lpnode.gateway.stream;

import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.gateway.ingest.AuthWebhook;
import dev.lpnode.gateway.ingest.TranscodeConfiguration;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which streams the gateway takes, and as what. Without {@code -authWebhookUrl} every stream, named
 * by its URL. With it, the webhook's verdict ({@link AuthWebhook}), asked once per stream: at an
 * RTMP publish, and at an HTTP push stream's first segment; the segments that arrive while it is
 * asked share the answer, and later ones belong to the live stream. A refusal is asked again at the
 * next try, and logged at most once per interval. Thread-safe.
 */
public final class StreamAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(StreamAdmission.class);
  private static final ThrottledLog REFUSALS = ThrottledLog.warn(LOG);
  /** How long an admission waits for its stream to be created by the segment that asked for it. */
  static final long UNUSED_ADMISSION_NANOS = 10_000_000_000L;

  /**
   * What a stream was admitted as.
   *
   * @param manifestId the stream's ID: the webhook's {@code manifestID}, else the one the URL asked for
   * @param config     the webhook's answer, if it gave one
   */
  public record Admitted(String manifestId, Optional<TranscodeConfiguration> config) {}

  private record Asked(Future<Admitted> admitted, long sinceNanos) {}

  private final AuthWebhook webhook;
  private final StreamRegistry registry;
  private final LongSupplier nanoClock;
  private final Map<String, Asked> pushes = new HashMap<>();

  /** @param webhook {@code null} to admit every stream */
  public StreamAdmission(AuthWebhook webhook, StreamRegistry registry, LongSupplier nanoClock) {
    this.webhook = webhook;
    this.registry = registry;
    this.nanoClock = nanoClock;
  }

  /** An RTMP publication asking for {@code manifestId} at {@code url}: one publication is one stream, so always asked. */
  public Future<Admitted> rtmp(String manifestId, String url) {
    return webhook == null ? admitAll(manifestId) : ask(manifestId, url);
  }

  /** A pushed segment for {@code manifestId} at {@code url}: its stream's admission, asked only for a new stream. */
  public synchronized Future<Admitted> push(String manifestId, String url) {
    if (webhook == null) {
      return admitAll(manifestId);
    }
    long now = nanoClock.getAsLong();
    Asked asked = pushes.get(manifestId);
    if (asked != null && stillValid(asked, now)) {
      return asked.admitted();
    }
    pushes.values().removeIf(a -> !stillValid(a, now));
    Future<Admitted> admitted = ask(manifestId, url);
    pushes.put(manifestId, new Asked(admitted, now));
    return admitted;
  }

  /** Being asked, or admitted for a stream that is live or about to be created. */
  private boolean stillValid(Asked asked, long now) {
    Future<Admitted> f = asked.admitted();
    if (!f.isComplete()) {
      return true;
    }
    return f.succeeded() && (now - asked.sinceNanos() < UNUSED_ADMISSION_NANOS
        || registry.get(f.result().manifestId()).map(s -> !s.ended()).orElse(false));
  }

  private static Future<Admitted> admitAll(String manifestId) {
    return Future.succeededFuture(new Admitted(manifestId, Optional.empty()));
  }

  private Future<Admitted> ask(String manifestId, String url) {
    return webhook.authenticate(url)
        .map(config -> new Admitted(config.map(TranscodeConfiguration::manifestId).orElse(manifestId), config))
        .onFailure(e -> REFUSALS.log("auth webhook: stream refused", "url={} err={}", url, e.getMessage()));
  }
}
