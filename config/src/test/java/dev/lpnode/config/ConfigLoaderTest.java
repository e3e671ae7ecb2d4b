package dev.lpnode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsMatchGoLivepeer() {
    NodeConfig c = ConfigLoader.load(new String[0], Map.of());
    assertThat(c.get(Flags.TICKET_EV)).isEqualTo(new BigInteger("8000000000"));
    assertThat(c.get(Flags.MAX_SESSIONS_FLAG)).isEqualTo(SessionLimit.AUTO);
    assertThat(c.get(Flags.TRANSCODING_OPTIONS)).extracting(p -> p.name()).containsExactly("P240p30fps16x9", "P360p30fps16x9");
    assertThat(c.get(Flags.DISCOVERY_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
    assertThat(c.get(Flags.NETWORK_NAME)).isEqualTo("embedded");
    assertThat(c.cliAddr()).isEqualTo(new HostPort("127.0.0.1", 7935));
    assertThat(c.serviceUri()).isEqualTo("https://127.0.0.1:8935");
    assertThat(c.source(Flags.TICKET_EV)).isEqualTo(Source.DEFAULT);
    assertThat(c.isSet(Flags.TICKET_EV)).isFalse();
  }

  @Test
  void goFlagSyntax() {
    NodeConfig c = ConfigLoader.load(new String[] {
        "-orchestrator", "--transcoder", "-monitor=false", "-maxSessions", "auto", "-pricePerUnit=1200",
        "-cliAddr", ":7936", "-serviceAddr", "o.example.com:8935", "-datadir", "/tmp/lp", "-discoveryTimeout", "1m30s"
    }, Map.of());
    assertThat(c.orchestrator()).isTrue();
    assertThat(c.transcoder()).isTrue();
    assertThat(c.get(Flags.MONITOR)).isFalse();
    assertThat(c.get(Flags.MAX_SESSIONS_FLAG).auto()).isTrue();
    assertThat(c.get(Flags.PRICE_PER_UNIT)).isEqualTo(BigInteger.valueOf(1200));
    assertThat(c.cliAddr()).isEqualTo(new HostPort("0.0.0.0", 7936));
    assertThat(c.serviceUri()).isEqualTo("https://o.example.com:8935");
    assertThat(c.orchestratorListenAddr()).isEqualTo(new HostPort("0.0.0.0", 8935));
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/lp"));
    assertThat(c.get(Flags.DISCOVERY_TIMEOUT)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void flagsOverrideEnvOverrideFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lp.conf");
    Files.writeString(file, """
        # an orchestrator
        orchestrator
        pricePerUnit 100
        ticketEV 1000
        maxSessions 4
        v 6
        """);
    NodeConfig c = ConfigLoader.load(new String[] {"-config", file.toString(), "-pricePerUnit", "300"},
        Map.of("LP_PRICEPERUNIT", "200", "LP_TICKETEV", "2000"));
    assertThat(c.orchestrator()).isTrue();
    assertThat(c.get(Flags.PRICE_PER_UNIT)).isEqualTo(BigInteger.valueOf(300));
    assertThat(c.source(Flags.PRICE_PER_UNIT)).isEqualTo(Source.FLAG);
    assertThat(c.get(Flags.TICKET_EV)).isEqualTo(BigInteger.valueOf(2000));
    assertThat(c.source(Flags.TICKET_EV)).isEqualTo(Source.ENV);
    assertThat(c.get(Flags.MAX_SESSIONS_FLAG)).isEqualTo(SessionLimit.of(4));
    assertThat(c.source(Flags.MAX_SESSIONS_FLAG)).isEqualTo(Source.FILE);
    assertThat(c.get(Flags.VERBOSITY)).isEqualTo(6);
  }

  @Test
  void configFileFromEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lp.conf");
    Files.writeString(file, "gateway\n");
    NodeConfig c = ConfigLoader.load(new String[0], Map.of("LP_CONFIG", file.toString()));
    assertThat(c.gateway()).isTrue();
    assertThat(c.cliAddr()).isEqualTo(new HostPort("127.0.0.1", 5935));
  }

  @Test
  void passwordFromFileAndMaskedInTable(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("password.txt");
    Files.writeString(pw, "s3cret\nignored\n");
    NodeConfig c = ConfigLoader.load(new String[] {"-ethPassword", pw.toString()}, Map.of());
    assertThat(c.get(Flags.ETH_PASSWORD)).isEqualTo("s3cret");
    String table = ConfigTable.render(c);
    assertThat(table).contains("-ethPassword").contains("********").doesNotContain("s3cret");
    assertThat(table).contains("-ticketEV").contains("8000000000");
  }

  @Test
  void invalidInputFailsWithClearMessages(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-bogus"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("flag provided but not defined: -bogus");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-maxSessions"}, Map.of()))
        .hasMessage("flag needs an argument: -maxSessions");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-maxSessions", "many"}, Map.of()))
        .hasMessage("invalid value \"many\" for flag -maxSessions: expected a whole number");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-ticketEV", "1.5"}, Map.of()))
        .hasMessageContaining("wei amounts are whole numbers");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-cliAddr", "localhost"}, Map.of()))
        .hasMessageContaining("expected host:port");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-network", "../mainnet"}, Map.of()))
        .hasMessageContaining("a network name is letters, digits, '.', '_' and '-'");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-transcodingOptions", "P9000p"}, Map.of()))
        .hasMessageContaining("unknown transcoding profile 'P9000p'");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-discoveryTimeout", "soon"}, Map.of()))
        .hasMessageContaining("expected a duration");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"orchestrator"}, Map.of()))
        .hasMessageContaining("unexpected argument \"orchestrator\"");
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("LP_MAXATTEMPTS", "0")))
        .hasMessageContaining("-maxAttempts: must be between 1 and 100");

    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "orchestrator\nnoSuchFlag 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-config", file.toString()}, Map.of()))
        .hasMessageContaining("line 2: unknown flag \"noSuchFlag\"");
    Files.writeString(file, "pricePerUnit\n");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-config", file.toString()}, Map.of()))
        .hasMessageContaining("line 1: flag \"pricePerUnit\" needs a value");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-config", dir.resolve("missing").toString()}, Map.of()))
        .hasMessageContaining("cannot read config file");
  }

  @Test
  void helpListsEveryFlag() {
    String help = ConfigTable.help(Flags.ALL);
    for (Flag<?> f : Flags.ALL) {
      assertThat(help).contains("-" + f.name() + " ");
    }
  }
}
