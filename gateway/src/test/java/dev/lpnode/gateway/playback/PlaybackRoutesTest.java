package dev.lpnode.gateway.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The playback routes over HTTP: lpms's headers, 404s, and the player page with its bundled hls.js. */
class PlaybackRoutesTest {
  @Test
  void servesPlaylistsSegmentsAndThePlayer() throws Exception {
    try (RunningGateway gw = new RunningGateway(o -> o.processor(segment -> Future.succeededFuture(List.of(
        Rendition.source(segment),
        new Rendition("low res", new byte[] {1, 2, 3}, VideoProfile.Format.MPEGTS, segment.media())))))) {
      byte[] body = Files.readAllBytes(MediaTools.testdata("portrait.ts"));
      assertThat(gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl("/live/show/3.ts")))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode()).isEqualTo(200);

      for (String path : List.of("/stream/show.m3u8", "/stream/show/source.m3u8", "/stream/show/low%20res.m3u8")) {
        HttpResponse<byte[]> res = gw.get(path);
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/x-mpegURL");
        assertThat(res.headers().firstValue("Cache-Control")).contains("max-age=5");
        assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
      }
      assertThat(gw.getText("/stream/show.m3u8")).contains("RESOLUTION=720x1280", "show/low%20res.m3u8");
      HttpResponse<byte[]> segment = gw.get("/stream/show/source/3.ts");
      assertThat(segment.headers().firstValue("Content-Type")).contains("video/mp2t");
      assertThat(segment.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
      assertThat(segment.body()).isEqualTo(body);
      assertThat(gw.get("/stream/show/low%20res/3.ts").body()).containsExactly(1, 2, 3);

      for (String missing : List.of("/stream/none.m3u8", "/stream/show/none.m3u8", "/stream/show/source/4.ts",
          "/stream/show/source/3.mp4", "/stream/show/source/x.ts", "/player/bad%20id", "/player/a/b")) {
        assertThat(gw.get(missing).statusCode()).as(missing).isEqualTo(404);
      }

      HttpResponse<byte[]> page = gw.get("/player/show");
      assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(new String(page.body())).contains("/stream/show.m3u8", "<script src=\"/player/_/hls.min.js\">",
          "id=\"rendition\"").doesNotContain("{{MANIFEST}}");
      HttpResponse<byte[]> hlsJs = gw.get("/player/_/hls.min.js");
      assertThat(hlsJs.statusCode()).isEqualTo(200);
      assertThat(hlsJs.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
      assertThat(hlsJs.body().length).isGreaterThan(100_000);
    }
  }
}
