package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lpnode} as operators meet it: a child JVM running {@link Main} with real arguments. */
class MainTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("HOME", dir.toString());
    Process p = builder.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("lpnode did not exit");
    }
    return new Run(p.exitValue(), read(p.getInputStream()), read(p.getErrorStream()));
  }

  private static String read(java.io.InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void invalidConfigurationExitsWithStatusTwoAndSaysWhy() throws Exception {
    Run unknown = run("-orchestrator", "-bogus");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("flag provided but not defined: -bogus");

    Run badValue = run("-orchestrator", "-transcoder", "-maxSessions", "-3");
    assertThat(badValue.status()).isEqualTo(2);
    assertThat(badValue.err()).contains("invalid value \"-3\" for flag -maxSessions");

    Run noRole = run("-network", "offchain");
    assertThat(noRole.status()).isEqualTo(2);
    assertThat(noRole.err()).contains("no role given", "./lpnode demo");

    Run noOrchestrators = run("-gateway", "-network", "offchain", "-rtmpAddr", "127.0.0.1:0", "-httpAddr", "127.0.0.1:0",
        "-cliAddr", "127.0.0.1:0");
    assertThat(noOrchestrators.status()).isEqualTo(2);
    assertThat(noOrchestrators.err()).contains("a gateway needs orchestrators: set -orchAddr or -orchWebhookUrl");

    Run badWeights = run("-gateway", "-network", "offchain", "-orchAddr", "127.0.0.1:8935", "-selectRandFreq", "0.5",
        "-rtmpAddr", "127.0.0.1:0", "-httpAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0");
    assertThat(badWeights.status()).isEqualTo(2);
    assertThat(badWeights.err()).contains("must be >= 0 and sum to 1");
  }

  @Test
  void aTranscoderThatFailsItsStartUpTestStopsTheNodeBeforeAnyPortOpens() throws Exception {
    String elevenRenditions = "P144p25fps16x9,P144p30fps16x9,P240p25fps16x9,P240p30fps16x9,P240p30fps4x3,P360p25fps16x9,"
        + "P360p30fps16x9,P360p30fps4x3,P576p25fps16x9,P576p30fps16x9,P720p25fps16x9"; // lpms allows 10
    Run run = run("-orchestrator", "-transcoder", "-network", "offchain", "-dataDir", dir.resolve("data").toString(),
        "-serviceAddr", "127.0.0.1:1", "-cliAddr", "127.0.0.1:0", "-transcodingOptions", elevenRenditions);
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("the transcoder test failed: Too many outputs (-testTranscoder=false skips it)");
  }

  @Test
  void roundsTooShortToRedeemWinningTicketsAreRefusedAtStart() throws Exception {
    Run shortRounds = run("-orchestrator", "-transcoder", "-roundLength", "5", "-blockTime", "1s", "-dataDir", dir.resolve("short").toString(),
        "-serviceAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0");
    assertThat(shortRounds.status()).isEqualTo(2);
    assertThat(shortRounds.err()).contains("invalid value for flag -roundLength: a round length of 5 blocks is too short to redeem"
        + " winning tickets", "use a round length of at least 6 blocks");
  }

  @Test
  void helpListsFlagsAndExitsCleanly() throws Exception {
    Run help = run("-help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("-transcodingOptions").contains("-pricePerUnit").contains("-maxSessions");
  }
}
