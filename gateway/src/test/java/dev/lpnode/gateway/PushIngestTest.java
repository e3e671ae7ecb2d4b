package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentException;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-livepeer's HTTP push ingest: ffmpeg's HLS muxer and direct segment uploads into a running gateway. */
class PushIngestTest {
  @TempDir Path dir;

  private static byte[] testdata(String name) throws Exception {
    return Files.readAllBytes(MediaTools.testdata(name));
  }

  private static HttpRequest.Builder put(RunningGateway gw, String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(gw.httpUrl(path))).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private static String text(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  @Test
  void ffmpegsHlsMuxerPushesAStreamWithPut() throws Exception {
    try (RunningGateway gw = new RunningGateway()) {
      MediaTools.runFfmpeg(dir.resolve("ffmpeg.log"), 60, "-re", "-f", "lavfi", "-i", "testsrc2=size=480x270:rate=30",
          "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "7", "-c:v", "libx264", "-preset",
          "ultrafast", "-g", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "hls",
          "-hls_time", "2", "-method", "PUT", gw.httpUrl("/live/push1/index.m3u8"));

      // ffmpeg does not wait for the answer to its last upload: give the gateway a moment to list it.
      List<RunningGateway.Entry> entries = List.of();
      for (int i = 0; i < 50 && entries.size() < 4; i++) {
        Thread.sleep(100);
        entries = RunningGateway.entries(gw.getText("/stream/push1/source.m3u8"));
      }
      // ffmpeg names segments index0.ts, index1.ts...: their numbers are the sequence numbers.
      assertThat(entries).extracting(RunningGateway.Entry::uri)
          .containsExactly("source/0.ts", "source/1.ts", "source/2.ts", "source/3.ts");
      // ffmpeg sends no Content-Duration: the durations are the probed ones, not a flat 2 s.
      assertThat(entries).extracting(RunningGateway.Entry::duration).containsExactly(2.0, 2.0, 2.0, 1.0);
      for (RunningGateway.Entry e : entries) {
        byte[] segment = gw.get("/stream/push1/" + e.uri()).body();
        assertThat(MediaTools.probe(segment, dir).firstFrameKey()).isTrue();
        assertThat(MediaTools.decodeErrors(segment, dir)).isEmpty();
      }
      assertThat(gw.getText("/stream/push1.m3u8")).contains("RESOLUTION=480x270,CODECS=\"avc1.42c015,mp4a.40.2\"");
    }
  }

  @Test
  void answersWithTheRenditionsAsMultipartWhenAsked() throws Exception {
    // A stand-in for the transcoding pipeline: two "renditions" that are copies of the source.
    try (RunningGateway gw = new RunningGateway(o -> o.processor(segment -> Future.succeededFuture(List.of(
        new Rendition("P240p30fps16x9", Arrays.copyOf(segment.data(), 1000), VideoProfile.Format.MPEGTS, segment.media()),
        new Rendition("P360p30fps16x9", Arrays.copyOf(segment.data(), 2000), VideoProfile.Format.MPEGTS,
            segment.media())))))) {
      byte[] body = testdata("transmux.ts");
      HttpResponse<byte[]> res = gw.send(put(gw, "/live/mp/7.ts", body)
          .header("Accept", "multipart/mixed")
          .header("Content-Duration", "1766")
          .header("Content-Resolution", "1280x720"));

      assertThat(res.statusCode()).isEqualTo(200);
      String type = res.headers().firstValue("Content-Type").orElseThrow();
      assertThat(type).matches("multipart/mixed; boundary=[0-9a-f]{20}");
      List<Part> parts = parts(res.body(), type.substring(type.indexOf('=') + 1));
      assertThat(parts).hasSize(2);
      assertThat(parts.get(0).headers()).containsExactly(
          Map.entry("Content-Disposition", "attachment; filename=\"P240p30fps16x9_7.ts\""),
          Map.entry("Content-Length", "1000"),
          Map.entry("Content-Type", "video/mp2t; name=\"P240p30fps16x9_7.ts\""),
          Map.entry("Rendition-Name", "P240p30fps16x9"));
      assertThat(parts.get(0).body()).isEqualTo(Arrays.copyOf(body, 1000));
      assertThat(parts.get(1).headers()).containsEntry("Rendition-Name", "P360p30fps16x9");
      assertThat(parts.get(1).body()).hasSize(2000);

      assertThat(gw.getText("/stream/mp.m3u8")).contains("mp/source.m3u8", "mp/P240p30fps16x9.m3u8",
          "mp/P360p30fps16x9.m3u8");
      assertThat(gw.getText("/stream/mp/source.m3u8")).contains("#EXTINF:1.766,\nsource/7.ts");
      assertThat(gw.get("/stream/mp/source/7.ts").body()).isEqualTo(body);

      // Without the Accept header: just 200.
      HttpResponse<byte[]> plain = gw.send(put(gw, "/live/mp/8.ts", body));
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(plain.body()).isEmpty();
    }
  }

  @Test
  void answersBadRequestsAsGoLivepeerDoes() throws Exception {
    try (RunningGateway gw = new RunningGateway(o -> o.maxPushBytes(200_000))) {
      byte[] segment = testdata("transmux.ts"); // 320 KB: over this gateway's cap
      byte[] small = testdata("skip_1.ts");
      String host = "127.0.0.1:" + gw.server.httpPort();

      HttpResponse<byte[]> get = gw.get("/live/x/1.ts");
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(text(get)).isEqualTo("http push request wrong method=GET url=/live/x/1.ts host=" + host + "\n");
      assertThat(get.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");

      HttpResponse<byte[]> playlist = gw.send(put(gw, "/live/x/index.m3u8", "#EXTM3U\n".getBytes()));
      assertThat(playlist.statusCode()).isEqualTo(400);
      assertThat(text(playlist)).isEqualTo("ignoring file extension: .m3u8\n");

      HttpResponse<byte[]> tooBig = gw.send(put(gw, "/live/x/1.ts", segment));
      assertThat(tooBig.statusCode()).isEqualTo(500);
      assertThat(text(tooBig)).isEqualTo("Error reading http request body: input bigger than max buffer size\n");
      HttpResponse<byte[]> tooBigChunked = gw.send(HttpRequest.newBuilder(URI.create(gw.httpUrl("/live/x/1.ts")))
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(segment))));
      assertThat(tooBigChunked.statusCode()).isEqualTo(500);

      HttpResponse<byte[]> garbage = gw.send(put(gw, "/live/x/2.ts", new byte[5000]));
      assertThat(garbage.statusCode()).isEqualTo(422);
      assertThat(text(garbage)).isEqualTo("Error getting codec info url=/live/x/2.ts\n");

      HttpResponse<byte[]> badUrl = gw.send(put(gw, "/live/onlyname.ts", small));
      assertThat(badUrl.statusCode()).isEqualTo(400);
      assertThat(text(badUrl)).isEqualTo("Bad URL url=/live/onlyname.ts\n");

      HttpResponse<byte[]> badJson = gw.send(put(gw, "/live/x/3.ts", small)
          .header("Livepeer-Transcode-Configuration", "{\"end brace\": \"is missing\""));
      assertThat(badJson.statusCode()).isEqualTo(400);
      assertThat(text(badJson)).startsWith("failed to parse transcode config header: \"");

      HttpResponse<byte[]> badPreset = gw.send(put(gw, "/live/y/3.ts", small)
          .header("Livepeer-Transcode-Configuration", "{\"presets\": [\"P9000p\"]}"));
      assertThat(badPreset.statusCode()).isEqualTo(500);
      assertThat(text(badPreset)).isEqualTo("Could not create stream ID: url=/live/y/3.ts\n");

      // A name without a number is sequence 0, as in go-livepeer.
      assertThat(gw.send(put(gw, "/live/x/abc.ts", small)).statusCode()).isEqualTo(200);
      assertThat(gw.getText("/stream/x/source.m3u8")).contains("source/0.ts");

      // After all that, the gateway still takes segments on a fresh connection.
      assertThat(gw.send(put(gw, "/live/x/4.ts", small)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void capsTheBodyBytesHeldOverAllUploads() throws Exception {
    try (RunningGateway gw = new RunningGateway(o -> o.maxPushBytes(200_000).maxPushBufferedBytes(300_000))) {
      byte[] segment = testdata("kryp-1.ts"); // 172 KB
      try (Socket slow = new Socket("127.0.0.1", gw.server.httpPort())) {
        OutputStream out = slow.getOutputStream();
        out.write(("PUT /live/slow/1.ts HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n").getBytes());
        out.write(new byte[190_000]); // and never the rest
        out.flush();
        Thread.sleep(500);

        HttpResponse<byte[]> refused = gw.send(put(gw, "/live/other/1.ts", segment));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(text(refused)).isEqualTo("too many segment bytes being received at once; try again\n");
      }
      Thread.sleep(500); // the stalled upload's connection is gone: its bytes are released
      for (int seq = 1; seq <= 3; seq++) {
        assertThat(gw.send(put(gw, "/live/other/" + seq + ".ts", segment)).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void theTranscodeConfigurationHeaderNamesTheStreamAndItsLadder() throws Exception {
    List<List<String>> ladders = new ArrayList<>();
    try (RunningGateway gw = new RunningGateway(o -> o.processor(segment -> {
      ladders.add(segment.stream().profiles().stream().map(VideoProfile::name).toList());
      return Future.succeededFuture(List.of(Rendition.source(segment)));
    }))) {
      String config = "{\"manifestID\": \"fromheader\", \"presets\": [\"P144p30fps16x9\"], \"profiles\": [{\"name\": "
          + "\"custom\", \"width\": 320, \"height\": 180, \"bitrate\": 300000, \"fps\": 30}], \"unknownField\": 1}";
      assertThat(gw.send(put(gw, "/live/fromurl/1.ts", testdata("portrait.ts"))
          .header("Livepeer-Transcode-Configuration", config)).statusCode()).isEqualTo(200);

      assertThat(ladders).containsExactly(List.of("P144p30fps16x9", "custom"));
      assertThat(gw.get("/stream/fromheader.m3u8").statusCode()).isEqualTo(200);
      assertThat(gw.get("/stream/fromurl.m3u8").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void mapsProcessorFailuresToGoLivepeersStatuses() throws Exception {
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    failures.put("nonretryable", new SegmentException(SegmentException.Kind.NON_RETRYABLE, "TranscoderInvalidVideo"));
    failures.put("bytext", new IllegalStateException("Unsupported input pixel format"));
    // lpnode's orchestrator refusing a segment with more video than it declares: the input's fault.
    failures.put("overlong", new IllegalStateException(
        "segment content exceeds its declared duration: more than 360 video frames, 2.0 s declared"));
    failures.put("nosessions", new SegmentException(SegmentException.Kind.NO_SESSIONS, "ErrNoOrchs"));
    failures.put("other", new IllegalStateException("orchestrator went away"));
    try (RunningGateway gw = new RunningGateway(o -> o.processor(segment ->
        Future.failedFuture(failures.get(segment.manifestId()))))) {
      byte[] small = testdata("portrait.ts");
      HttpResponse<byte[]> nonRetryable = gw.send(put(gw, "/live/nonretryable/1.ts", small));
      assertThat(nonRetryable.statusCode()).isEqualTo(422);
      assertThat(text(nonRetryable)).isEqualTo("http push error processing segment url=/live/nonretryable/1.ts "
          + "manifestID=nonretryable err=\"TranscoderInvalidVideo\"\n");
      assertThat(gw.send(put(gw, "/live/bytext/1.ts", small)).statusCode()).isEqualTo(422);
      assertThat(gw.send(put(gw, "/live/overlong/1.ts", small)).statusCode()).isEqualTo(422);
      HttpResponse<byte[]> noSessions = gw.send(put(gw, "/live/nosessions/1.ts", small));
      assertThat(noSessions.statusCode()).isEqualTo(503);
      assertThat(text(noSessions)).isEqualTo("No sessions available\n");
      assertThat(gw.send(put(gw, "/live/other/1.ts", small)).statusCode()).isEqualTo(500);
    }
  }

  @Test
  void aPushStreamEndsWhenIdleAndIsForgottenAfterTheLinger() throws Exception {
    try (RunningGateway gw = new RunningGateway(o -> o.pushIdleTimeout(Duration.ofSeconds(1)).streamLinger(Duration.ofSeconds(1)))) {
      assertThat(gw.send(put(gw, "/live/idle/1.ts", testdata("portrait.ts"))).statusCode()).isEqualTo(200);
      assertThat(gw.getText("/stream/idle/source.m3u8")).doesNotContain("#EXT-X-ENDLIST");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean sawEnd = false;
      while (System.nanoTime() < deadline) {
        HttpResponse<byte[]> res = gw.get("/stream/idle/source.m3u8");
        if (res.statusCode() == 404) {
          break;
        }
        sawEnd |= text(res).contains("#EXT-X-ENDLIST");
        Thread.sleep(100);
      }
      assertThat(sawEnd).isTrue();
      assertThat(gw.get("/stream/idle/source.m3u8").statusCode()).isEqualTo(404);
    }
  }

  private record Part(Map<String, String> headers, byte[] body) {}

  /** A small multipart/mixed reader: enough to check go-livepeer's format byte for byte. */
  private static List<Part> parts(byte[] body, String boundary) {
    String all = new String(body, StandardCharsets.ISO_8859_1);
    assertThat(all).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
    List<Part> parts = new ArrayList<>();
    for (String chunk : all.substring(0, all.length() - ("\r\n--" + boundary + "--\r\n").length())
        .split("(^|\r\n)--" + boundary + "\r\n")) {
      if (chunk.isEmpty()) {
        continue;
      }
      int split = chunk.indexOf("\r\n\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : chunk.substring(0, split).split("\r\n")) {
        headers.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
      }
      parts.add(new Part(headers, chunk.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1)));
    }
    return parts;
  }
}
