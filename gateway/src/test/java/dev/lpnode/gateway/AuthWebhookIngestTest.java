package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.stream.LiveStream;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -authWebhookUrl} with a real webhook server, a real ffmpeg RTMP publisher and ffmpeg's HLS
 * push: go-livepeer's request ({@code {"url": …}}) once per stream, its response naming the stream
 * and its ladder, and refusals (a non-200, no answer in time) that cost the refused nothing.
 */
class AuthWebhookIngestTest {
  @TempDir Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private HttpServer webhook;

  @BeforeEach
  void startWebhook() throws Exception {
    webhook = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String url = new JsonObject(body).getString("url");
      asked.add(req.method() + " " + req.getHeader("Content-Type") + " " + url);
      if (url.endsWith("/live/secretkey")) {
        req.response().end(new JsonObject().put("manifestID", "public1").put("streamKey", "ignored")
            .put("presets", List.of("P144p30fps16x9")).encode());
      } else if (url.contains("/live/plain/")) {
        req.response().end(); // admitted as the URL names it
      } else if (url.contains("/live/slow/")) {
        // never answered
      } else {
        req.response().setStatusCode(403).end("not on the list");
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private RunningGateway gateway() throws Exception {
    return new RunningGateway(b -> b.authWebhookUrl("http://127.0.0.1:" + webhook.actualPort() + "/auth"));
  }

  @Test
  void anRtmpPublisherIsAdmittedAsTheWebhookNamesItOrRefused() throws Exception {
    try (RunningGateway gw = gateway()) {
      Process publisher = MediaTools.publishLavfi(dir.resolve("ok.log"), gw.rtmpUrl("secretkey"), 5, 60);
      gw.watch("/stream/public1/source.m3u8", publisher);
      MediaTools.finish(publisher, dir.resolve("ok.log"), 30);
      LiveStream stream = gw.server.streams().get("public1").orElseThrow();
      assertThat(stream.config().profiles()).extracting(VideoProfile::name).containsExactly("P144p30fps16x9");
      assertThat(gw.server.streams().get("secretkey")).as("the secret key is not the public name").isEmpty();

      Process intruder = MediaTools.publishLavfi(dir.resolve("refused.log"), gw.rtmpUrl("intruder"), 5, 60);
      assertThat(intruder.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(intruder.exitValue()).isNotZero();
      assertThat(gw.server.streams().get("intruder")).isEmpty();

      String rtmp = "rtmp://127.0.0.1:" + gw.server.rtmpPort() + "/live/";
      assertThat(asked).containsExactly("POST application/json " + rtmp + "secretkey", "POST application/json " + rtmp + "intruder");
    }
  }

  @Test
  void anHttpPushStreamIsAskedForOnceAndARefusedOneGets403WithoutBeingProbed() throws Exception {
    try (RunningGateway gw = gateway()) {
      MediaTools.runFfmpeg(dir.resolve("push.log"), 60, "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
          "-t", "5", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
          "-f", "hls", "-hls_time", "1", "-method", "PUT", gw.httpUrl("/live/plain/index.m3u8"));
      List<RunningGateway.Entry> entries = List.of();
      for (int i = 0; i < 50 && entries.size() < 5; i++) {
        Thread.sleep(100);
        entries = RunningGateway.entries(gw.getText("/stream/plain/source.m3u8"));
      }
      assertThat(entries).hasSize(5);
      String http = "http://127.0.0.1:" + gw.server.httpPort() + "/live/";
      assertThat(asked).as("one call for the stream's five segments").containsExactly("POST application/json " + http + "plain/index0.ts");

      // Not even a valid segment: refused before anything reads it.
      HttpResponse<byte[]> refused = gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl("/live/intruder/0.ts")))
          .PUT(HttpRequest.BodyPublishers.ofString("not video")));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo("Could not create stream ID: url=/live/intruder/0.ts\n");

      long started = System.nanoTime();
      HttpResponse<byte[]> unanswered = gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl("/live/slow/0.ts")))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(MediaTools.testdata("transmux.ts")))));
      assertThat(unanswered.statusCode()).as("a webhook that does not answer refuses").isEqualTo(403);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(2_500L, 10_000L);
      assertThat(gw.server.streams().live()).isEqualTo(1);
    }
  }
}
