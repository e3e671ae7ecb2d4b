package dev.lpnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.orchestrator.testing.MutableClock;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Priority admission and ladder limits read from a real embedded ledger: a gateway's own bond makes its tier. */
class StakedGatewaysTest {
  private static final BigInteger LPT = BigInteger.TEN.pow(18);
  private static final EthAddress NODE = EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  private static final EthAddress GATEWAY = EthAddress.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

  @TempDir Path dir;
  private EmbeddedNetwork network;
  private Vertx vertx;
  private StakedGateways priority;

  @BeforeEach
  void start() {
    NetworkParameters params = NetworkParameters.defaults()
        .with(NetworkParameter.TIER_1_STAKE, LPT.multiply(BigInteger.valueOf(10)))
        .with(NetworkParameter.TIER_2_STAKE, LPT.multiply(BigInteger.valueOf(20)))
        .with(NetworkParameter.PRIORITY_RESERVE, 250_000)
        .with(NetworkParameter.MAX_RENDITIONS, 3)
        .with(NetworkParameter.FAUCET_REQUEST_AMOUNT, LPT.multiply(BigInteger.valueOf(30)));
    network = EmbeddedNetwork.open(dir, new EmbeddedNetwork.Settings(params, NODE,
        EmbeddedNetwork.Genesis.orchestrator(LPT.multiply(BigInteger.valueOf(1000)), 100_000, 500_000), false,
        BigInteger.valueOf(10_000_000), EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET), new MutableClock(),
        new LedgerMetrics(new SimpleMeterRegistry()));
    vertx = Vertx.vertx();
    priority = new StakedGateways(vertx, network.ledger());
  }

  @AfterEach
  void stop() throws Exception {
    priority.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    network.close();
  }

  @Test
  void aGatewayBondedToTierOneHasPriorityAndTheReserveIsTheGovernedShareOfTheCap() {
    assertThat(priority.reserved(8)).isEqualTo(2);
    assertThat(priority.reserved(3)).isEqualTo(1);
    assertThat(priority.hasPriority(GATEWAY)).as("no stake").isFalse();

    network.ledger().faucetRequest(GATEWAY);
    network.ledger().bond(GATEWAY, LPT.multiply(BigInteger.valueOf(9)), NODE);
    assertThat(priority.hasPriority(GATEWAY)).as("9 LPT: under tier 1").isFalse();
    network.ledger().bond(GATEWAY, LPT, NODE);
    assertThat(priority.hasPriority(GATEWAY)).as("10 LPT bonded").isTrue();
    assertThat(priority.hasPriority(NODE)).as("the orchestrator's own stake counts too").isTrue();
  }

  @Test
  void aGatewayBondedToTierTwoMayAskForTheEnginesRenditionsAndOneBelowForMaxRenditions() {
    assertThat(priority.refusal(GATEWAY, 3)).as("within maxRenditions").isEmpty();
    assertThat(priority.refusal(GATEWAY, 4)).get().asString().isEqualTo("ladder of 4 renditions refused: a gateway of "
        + "stake tier 0 may ask for 3 per segment; stake tier 2 (20 LPT staked) allows 10");

    network.ledger().faucetRequest(GATEWAY);
    network.ledger().bond(GATEWAY, LPT.multiply(BigInteger.TEN), NODE);
    assertThat(priority.refusal(GATEWAY, 4)).as("tier 1 is not enough").get().asString()
        .startsWith("ladder of 4 renditions refused: a gateway of stake tier 1 may ask for 3 per segment");
    network.ledger().bond(GATEWAY, LPT.multiply(BigInteger.TEN), NODE);
    assertThat(priority.refusal(GATEWAY, 10)).as("20 LPT bonded: tier 2").isEmpty();
    assertThat(priority.refusal(GATEWAY, 11)).get().asString()
        .isEqualTo("ladder of 11 renditions refused: a gateway of stake tier 2 may ask for 10 per segment");
  }
}
