package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.node.api.RawHttp;
import dev.lpnode.node.demo.SamplePublisher;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * A full combined node ({@code ./lpnode -gateway -orchestrator -transcoder}, embedded network) in
 * its own JVM, with a known keystore password and operator API token, at debug verbosity: a real
 * segment goes through it, its operator API is called right and wrong, and then everything it
 * wrote to stdout and stderr (its workers' output included) is searched for the password, the
 * token, the account's private key and the TLS private key.
 */
class SecretsStayOutOfTheLogsTest {
  private static final String STREAM = "secrets";
  private static final String RENDITION = "P144p30fps16x9";

  @TempDir Path dir;

  @Test
  void noLogLinePrintsAPasswordTokenOrKey() throws Exception {
    String password = "pw-" + UUID.randomUUID();
    String token = "tok-" + UUID.randomUUID();
    Path dataDir = dir.resolve("node");
    // A light-scrypt key made beforehand keeps the start short: the node opens it with -ethPassword.
    Path keystore = Files.createDirectories(dataDir.resolve("keystore"));
    Path keyFile = keystore.resolve(WalletUtils.generateLightNewWalletFile(password, keystore.toFile()));
    Path stdout = dir.resolve("stdout.log");
    Path stderr = dir.resolve("stderr.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.bytedeco.javacpp.platform.extension=-gpl", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-gateway", "-orchestrator", "-transcoder", "-network", "embedded", "-monitor", "-v", "6", "-blockTime", "1s",
        "-dataDir", dataDir.toString(), "-serviceAddr", "127.0.0.1:" + FreePort.next(), "-httpAddr", "127.0.0.1:0",
        "-rtmpAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0", "-transcodingOptions", RENDITION,
        "-ethPassword", password, "-cliAuthToken", token));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().put("HOME", dir.toString());
    Process node = builder.start();
    try {
      int cli = Integer.parseInt(awaitLog(stdout, "Operator API on http://127\\.0\\.0\\.1:(\\d+)", node).group(1));
      Matcher gateway = awaitLog(stdout, "RTMP ingest on 127\\.0\\.0\\.1:(\\d+), HTTP push and playback on 127\\.0\\.0\\.1:(\\d+)", node);
      int rtmp = Integer.parseInt(gateway.group(1));
      int http = Integer.parseInt(gateway.group(2));
      Path sample = Path.of(System.getProperty("lpnode.testdata"), "transmux.ts");
      try (SamplePublisher publisher = new SamplePublisher(sample, "rtmp://127.0.0.1:" + rtmp + "/live/" + STREAM)) {
        awaitSegment(http, node);
      }
      assertThat(RawHttp.send(cli, "POST", "/setMaxSessions", Map.of("Authorization", "Bearer " + token), "maxSessions=5").status())
          .isEqualTo(200);
      assertThat(RawHttp.send(cli, "POST", "/setMaxSessions", Map.of("Authorization", "Bearer " + token + "-not"), "maxSessions=1")
          .status()).isEqualTo(401);
      assertThat(RawHttp.formFromWebPage(cli, "/unbond", "amount=1").status()).as("-cliAuthToken: needed everywhere").isEqualTo(401);
    } finally {
      node.destroy();
      if (!node.waitFor(60, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }

    String logs = Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(logs).as("what was searched is the node's real output").contains("Effective configuration:",
        "unlocked with -ethPassword", "Operator API token: -cliAuthToken", "operator API: wrong token", "Stopped");

    Credentials account = WalletUtils.loadCredentials(password, keyFile.toFile());
    String privateKey = account.getEcKeyPair().getPrivateKey().toString(16);
    String tlsKey = Files.readAllLines(dataDir.resolve("key.pem")).get(1);
    String lower = logs.toLowerCase(Locale.ROOT);
    assertThat(logs).doesNotContain(password).doesNotContain(token).doesNotContain(tlsKey)
        .doesNotContain(account.getEcKeyPair().getPrivateKey().toString());
    assertThat(lower).doesNotContain(privateKey.toLowerCase(Locale.ROOT));
  }

  /** Waits for a line matching {@code regex} in the node's log; the node picks its ports (0), the log says which. */
  private static Matcher awaitLog(Path log, String regex, Process node) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      Matcher m = pattern.matcher(Files.readString(log));
      if (m.find()) {
        return m;
      }
      assertThat(node.isAlive()).as("the node runs: %s", Files.readString(log)).isTrue();
      assertThat(System.nanoTime() < deadline).as("%s within 120 s", regex).isTrue();
      Thread.sleep(200);
    }
  }

  private static void awaitSegment(int http, Process node) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI playlist = URI.create("http://127.0.0.1:" + http + "/stream/" + STREAM + "/" + RENDITION + ".m3u8");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(playlist).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && response.body().contains(RENDITION + "/0.ts")) {
        return;
      }
      assertThat(node.isAlive()).as("the node runs").isTrue();
      assertThat(System.nanoTime() < deadline).as("a transcoded segment within 120 s").isTrue();
      Thread.sleep(200);
    }
  }
}
