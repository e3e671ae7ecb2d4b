package dev.lpnode.gateway.client;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL's origin: scheme, host and port (the scheme's default if none). The gateway downloads a
 * rendition only from the origin of the orchestrator it sent the segment to, so a hostile
 * orchestrator cannot point it at another host, such as the node's own operator API.
 */
record Origin(String scheme, String host, int port) {
  /** The origin of an absolute http(s) URL without user info; empty for anything else. */
  static Optional<Origin> of(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort = switch (scheme) {
      case "https" -> 443;
      case "http" -> 80;
      default -> -1;
    };
    if (defaultPort < 0 || uri.getHost() == null || uri.getRawUserInfo() != null) {
      return Optional.empty();
    }
    return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort() < 0 ? defaultPort : uri.getPort()));
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
