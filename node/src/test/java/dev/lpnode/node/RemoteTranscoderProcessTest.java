package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.Presets;
import dev.lpnode.remote.OrchestratorHarness;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import dev.lpnode.wire.net.SegData;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lpnode -transcoder -orchAddr … -orchSecret …} in a child JVM, as an operator runs it, against
 * an orchestrator harness (the orchestrator's side of protocol.md §8) in this JVM.
 */
class RemoteTranscoderProcessTest {
  private static final String SECRET = "s3cret-for-the-test";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() {
    OrchestratorHarness.await(vertx.close());
  }

  /** A transcoder process; SIGTERM on close. */
  private record Transcoder(Process process, Path log, int cliPort) implements AutoCloseable {
    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private Transcoder start(String orchAddr, String secretFileContent, String... extra) throws IOException {
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, secretFileContent + "\n");
    int cliPort = FreePort.next();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-transcoder", "-orchAddr", orchAddr, "-orchSecret", secretFile.toString(), "-maxSessions", "2",
        "-testTranscoder=false", "-cliAddr", "127.0.0.1:" + cliPort, "-dataDir", dir.resolve("data").toString()));
    command.addAll(List.of(extra));
    Path log = dir.resolve("transcoder.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    return new Transcoder(process, log, cliPort);
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code path} until its answer satisfies {@code wanted}. */
  private static HttpResponse<String> awaitAnswer(Transcoder t, String path, Predicate<HttpResponse<String>> wanted)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      assertThat(t.process().isAlive()).as("transcoder alive; output:\n%s", t.output()).isTrue();
      try {
        last = get(t.cliPort(), path);
        if (wanted.test(last)) {
          return last;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no wanted answer on " + path + " (last: " + (last == null ? "none" : last.statusCode() + " "
        + last.body()) + "); output:\n" + t.output());
  }

  @Test
  void registersServesASegmentReportsHealthAndMetricsAndDeregistersOnSigterm() throws Exception {
    OrchestratorHarness orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir.resolve("o"));
    try (Transcoder t = start(orchestrator.address(), SECRET, "-monitor")) {
      RegisterRequest registration = orchestrator.registrations.poll(60, TimeUnit.SECONDS);
      assertThat(registration).as("output:\n%s", t.output()).isNotNull();
      assertThat(registration.getSecret()).isEqualTo(SECRET);
      assertThat(registration.getCapacity()).isEqualTo(2);
      assertThat(awaitAnswer(t, "/healthz", r -> r.statusCode() == 200).body()).contains("registered with orchestrator");

      byte[] segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "duplicate-audio-dts.ts"));
      SegData.Builder segData = SegData.newBuilder().setManifestId(ByteString.copyFromUtf8("m")).setSeq(1).setDuration(2000)
          .setAuthToken(AuthToken.newBuilder().setSessionId("session-1"));
      WireProfiles.putProfiles(segData, List.of(Presets.byName("P144p30fps16x9").orElseThrow()));
      orchestrator.send(NotifySegment.newBuilder().setUrl(orchestrator.serve("session-1", 1, segment)).setTaskId(1)
          .setSegData(segData).build());
      OrchestratorHarness.Result result = orchestrator.result(1).get(60, TimeUnit.SECONDS);
      assertThat(result.parts()).hasSize(1);
      assertThat(result.parts().get(0).contentType()).isEqualTo("video/mp2t");

      // The counter moves once the orchestrator answered the upload, which may be after it has the result.
      Pattern transcoded = Pattern.compile("livepeer_segment_transcoded_total\\{[^}]*} 1\\.0");
      String metrics = awaitAnswer(t, "/metrics", r -> transcoded.matcher(r.body()).find()).body();
      assertThat(metrics).containsPattern("livepeer_transcoder_registered\\{[^}]*node_type=\"trcr\"[^}]*} 1\\.0");

      t.close();
      orchestrator.streamEnded.get(30, TimeUnit.SECONDS);
      assertThat(t.output()).contains("Deregistered from orchestrator " + orchestrator.address());
    } finally {
      orchestrator.close();
    }
  }

  @Test
  void withoutItsOrchestratorTheTranscoderIsUnhealthyAndKeepsTrying() throws Exception {
    String nowhere = "127.0.0.1:" + FreePort.next();
    try (Transcoder t = start(nowhere, SECRET)) {
      HttpResponse<String> health = awaitAnswer(t, "/healthz", r -> r.statusCode() == 503 && r.body().contains("not registered"));
      assertThat(health.body()).contains(nowhere);
      assertThat(t.process().isAlive()).isTrue();
    }
  }

  @Test
  void aSecretTheOrchestratorRefusesEndsTheProcessWithStatusTwo() throws Exception {
    OrchestratorHarness orchestrator = OrchestratorHarness.start(vertx, SECRET, true, dir.resolve("o"));
    try (Transcoder t = start(orchestrator.address(), "not-the-secret")) {
      assertThat(t.process().waitFor(60, TimeUnit.SECONDS)).as("exited; output:\n%s", t.output()).isTrue();
      assertThat(t.process().exitValue()).isEqualTo(2);
      assertThat(t.output()).contains("invalid secret").contains("-orchSecret").doesNotContain("not-the-secret");
    } finally {
      orchestrator.close();
    }
  }

  @Test
  void aTranscoderNeedsExactlyOneOrchestratorAddressAndASecret() throws Exception {
    for (String[] args : List.of(new String[] {"-transcoder", "-orchSecret", "x"},
        new String[] {"-transcoder", "-orchSecret", "x", "-orchAddr", "a:1,b:2"},
        new String[] {"-transcoder", "-orchSecret", "x", "-orchAddr", "https://a:1"},
        new String[] {"-transcoder", "-orchAddr", "a:1"})) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-dataDir", dir.toString()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isEqualTo(2);
      assertThat(output).containsAnyOf("needs -orchAddr host:port of exactly one orchestrator", "is host:port (no scheme)",
          "needs -orchSecret");
    }
  }
}
