package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.StakeBadge;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.orchestrator.badge.SignedBadge;
import dev.lpnode.orchestrator.testing.MutableClock;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's badge read from a real embedded ledger and signed by its key: what a gateway can check. */
class LedgerBadgeTest {
  private static final BigInteger LPT = BigInteger.TEN.pow(18);
  private static final SigningKey NODE = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final EthAddress GATEWAY = EthAddress.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
  private static final BigInteger PIXELS = BigInteger.valueOf(1_000_000);

  @TempDir Path dir;
  private EmbeddedNetwork network;
  private Vertx vertx;
  private LedgerBadge badges;

  @BeforeEach
  void start() {
    network = EmbeddedNetwork.open(dir, new EmbeddedNetwork.Settings(NetworkParameters.defaults(), NODE.address(),
        EmbeddedNetwork.Genesis.orchestrator(LPT.multiply(BigInteger.valueOf(1_000)), 100_000, 500_000), false,
        BigInteger.valueOf(10_000_000), EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET), new MutableClock(),
        new LedgerMetrics(new SimpleMeterRegistry()));
    vertx = Vertx.vertx();
    badges = new LedgerBadge(vertx, network.ledger(), NODE);
  }

  @AfterEach
  void stop() throws Exception {
    badges.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    network.close();
  }

  private void verified(long seq) {
    network.ledger().recordSegment(SegmentRecord.verified(NODE.address(), "s", GATEWAY, seq, PIXELS, Duration.ofSeconds(2),
        Duration.ofMillis(300), BigInteger.ONE));
  }

  @Test
  void theBadgeStatesTierStakeAndVerifiedWorkAndIsSignedByTheOrchestrator() {
    StakeBadge first = badges.current().orElseThrow().badge();
    assertThat(first.tier()).as("1000 LPT: tier 2 by default").isEqualTo(2);
    assertThat(first.stake()).isEqualTo(LPT.multiply(BigInteger.valueOf(1_000)));
    assertThat(first.verifiedSegments()).isZero();
    assertThat(first.successRatePpm()).isZero();

    verified(0);
    verified(1);
    verified(2);
    network.ledger().recordSegment(SegmentRecord.failed(NODE.address(), "s", GATEWAY, 3));
    badges.refresh();
    SignedBadge signed = badges.current().orElseThrow();
    long round = network.ledger().round().round();
    assertThat(signed.badge()).isEqualTo(new StakeBadge(NODE.address(), round, 2, LPT.multiply(BigInteger.valueOf(1_000)),
        Math.max(0, round - 1), 3, 1, PIXELS.multiply(BigInteger.valueOf(3)), 750_000));
    assertThat(signed.authentic()).isTrue();
    assertThat(new String(signed.badge().canonical(), StandardCharsets.US_ASCII)).isEqualTo("lpnode-stake-badge-v1\n"
        + "orchestrator=" + NODE.address().toHex() + "\nround=" + round + "\ntier=2\nstake=1000000000000000000000\n"
        + "fromRound=" + Math.max(0, round - 1) + "\nverifiedSegments=3\nfailedSegments=1\npixels=3000000\n"
        + "successRatePpm=750000\n");
  }

  @Test
  void aGatewayReadingTheStatusJsonCanCheckItAndAnyChangedFieldFailsTheCheck() {
    verified(0);
    badges.refresh();
    JsonObject json = badges.current().orElseThrow().toJson();
    assertThat(json.getString("Orchestrator")).isEqualTo(NODE.address().toChecksumHex());
    assertThat(json.getLong("VerifiedSegments")).isEqualTo(1);
    assertThat(json.getLong("SuccessRatePpm")).isEqualTo(1_000_000);
    assertThat(SignedBadge.fromJson(json).authentic()).isTrue();

    assertThat(SignedBadge.fromJson(json.copy().put("Tier", 3)).authentic()).as("a raised tier").isFalse();
    assertThat(SignedBadge.fromJson(json.copy().put("VerifiedSegments", 100)).authentic()).isFalse();
    SigningKey other = SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    assertThat(SignedBadge.fromJson(json.copy().put("Orchestrator", other.address().toChecksumHex())).authentic())
        .as("another orchestrator claiming it").isFalse();
    assertThatThrownBy(() -> SignedBadge.fromJson(json.copy().put("Encoding", "v0"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown badge encoding: v0");
    JsonObject incomplete = json.copy();
    incomplete.remove("Pixels");
    assertThatThrownBy(() -> SignedBadge.fromJson(incomplete)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("incomplete badge");
    assertThatThrownBy(() -> SignedBadge.sign(badges.current().orElseThrow().badge(), other))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
