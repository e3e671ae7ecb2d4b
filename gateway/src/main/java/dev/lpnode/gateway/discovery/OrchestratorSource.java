package dev.lpnode.gateway.discovery;

import io.vertx.core.Future;
import java.util.List;

/** Where the gateway learns which orchestrators exist: {@code -orchAddr} or {@code -orchWebhookUrl}. */
@FunctionalInterface
public interface OrchestratorSource {
  /** The orchestrators' service URIs ({@code https://host:port}). */
  Future<List<String>> orchestrators();

  /** A fixed list, as {@code -orchAddr} gives: {@code host:port} entries get {@code https://}. */
  static OrchestratorSource of(List<String> addresses) {
    List<String> uris = addresses.stream().map(String::strip).filter(a -> !a.isEmpty())
        .map(OrchestratorSource::serviceUri).distinct().toList();
    return () -> Future.succeededFuture(uris);
  }

  /** go-livepeer's rule for a service address: without a scheme, https:// is implied. */
  static String serviceUri(String address) {
    String uri = address.contains("://") ? address : "https://" + address;
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
