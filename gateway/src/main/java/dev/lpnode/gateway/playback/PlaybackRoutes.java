package dev.lpnode.gateway.playback;

import dev.lpnode.gateway.stream.LiveStream;
import dev.lpnode.gateway.stream.StreamRegistry;
import dev.lpnode.http.ArrayBuffer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves playback from memory, with lpms's conventions: playlists as {@code application/x-mpegURL}
 * with {@code Cache-Control: max-age=5} and {@code Access-Control-Allow-Origin: *}, segments with
 * their container's MIME type.
 * <ul>
 *   <li>{@code /stream/<manifest>.m3u8}: master playlist</li>
 *   <li>{@code /stream/<manifest>/<rendition>.m3u8}: media playlist</li>
 *   <li>{@code /stream/<manifest>/<rendition>/<seq>.ts}: segment</li>
 *   <li>{@code /player/<manifest>}: a player page (hls.js, served from this jar)</li>
 * </ul>
 */
public final class PlaybackRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PlaybackRoutes.class);
  private static final String PLAYLIST_TYPE = "application/x-mpegURL";
  private static final String RESOURCES = "/dev/lpnode/gateway/playback/player/";

  private final StreamRegistry registry;
  private final String playerPage;
  private final Buffer hlsJs;

  private PlaybackRoutes(StreamRegistry registry) {
    this.registry = registry;
    this.playerPage = new String(resource("player.html").orElseThrow(), StandardCharsets.UTF_8);
    this.hlsJs = resource("hls.min.js").map(Buffer::buffer).orElse(null);
    if (hlsJs == null) {
      LOG.warn("hls.min.js is not bundled (the build runs npm ci in gateway/player); the player page will not play");
    }
  }

  public static void mount(Router router, StreamRegistry registry) {
    PlaybackRoutes routes = new PlaybackRoutes(registry);
    routes.get(router, "/stream/([^/]+)\\.m3u8").handler(routes::master);
    routes.get(router, "/stream/([^/]+)/([^/]+)\\.m3u8").handler(routes::media);
    routes.get(router, "/stream/([^/]+)/([^/]+)/(\\d{1,18})\\.(?:ts|mp4)").handler(routes::segment);
    routes.get(router, "/player/_/hls\\.min\\.js").handler(routes::hlsJs);
    routes.get(router, "/player/([^/]+)").handler(routes::player);
  }

  private io.vertx.ext.web.Route get(Router router, String regex) {
    return router.routeWithRegex(regex).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  private void master(RoutingContext ctx) {
    stream(ctx).flatMap(s -> s.playlists().masterPlaylist())
        .ifPresentOrElse(m3u8 -> playlist(ctx.response(), m3u8), () -> notFound(ctx));
  }

  private void media(RoutingContext ctx) {
    stream(ctx).flatMap(s -> s.playlists().mediaPlaylist(ctx.pathParam("param1")))
        .ifPresentOrElse(m3u8 -> playlist(ctx.response(), m3u8), () -> notFound(ctx));
  }

  private void segment(RoutingContext ctx) {
    long seq = Long.parseLong(ctx.pathParam("param2"));
    stream(ctx).flatMap(s -> s.playlists().segment(ctx.pathParam("param1"), seq))
        .filter(segment -> ctx.request().path().endsWith(segment.extension()))
        .ifPresentOrElse(segment -> ctx.response()
            .putHeader("Content-Type", segment.mimeType())
            .putHeader("Access-Control-Allow-Origin", "*")
            .end(ArrayBuffer.wrap(segment.data())), () -> notFound(ctx));
  }

  private void player(RoutingContext ctx) {
    String manifestId = ctx.pathParam("param0");
    if (!StreamRegistry.validManifestId(manifestId)) {
      notFound(ctx);
      return;
    }
    // The ID's characters need no escaping in HTML or in a JavaScript string.
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(playerPage.replace("{{MANIFEST}}", manifestId));
  }

  private void hlsJs(RoutingContext ctx) {
    if (hlsJs == null) {
      notFound(ctx);
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Cache-Control", "max-age=86400")
        .end(hlsJs);
  }

  private Optional<LiveStream> stream(RoutingContext ctx) {
    return registry.get(ctx.pathParam("param0"));
  }

  private static void playlist(HttpServerResponse res, String m3u8) {
    res.putHeader("Content-Type", PLAYLIST_TYPE)
        .putHeader("Cache-Control", "max-age=5")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(m3u8);
  }

  private static void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not Found\n");
  }

  private static Optional<byte[]> resource(String name) {
    try (InputStream in = PlaybackRoutes.class.getResourceAsStream(RESOURCES + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
