package dev.lpnode.orchestrator.segment;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.StakeTiers;
import dev.lpnode.orchestrator.StakeUnlocks;
import dev.lpnode.orchestrator.badge.BadgeSource;
import dev.lpnode.orchestrator.session.AdmissionPriority;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.SegData;
import dev.lpnode.wire.net.TranscodeResult;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real orchestrator whose governed {@code maxRenditions} is 1: an unstaked gateway's two-rendition
 * ladder is refused with the rule's text before its payment is looked at and starts no session,
 * while the harness's gateway, of stake tier 2, is served both renditions.
 */
class LadderLimitTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9,P240p30fps16x9");
  private static final SigningKey UNSTAKED = OrchestratorHarness.UNSTAKED_GATEWAY_KEY;
  private static final NetworkParameters ONE_RENDITION = NetworkParameters.defaults().with(NetworkParameter.MAX_RENDITIONS, 1);
  private static final BigInteger TIER_2_STAKE = ONE_RENDITION.tierStakes().get(1);

  /** The ledger's rule over fixed stakes: the harness's gateway holds tier 2's stake, every other none. */
  private static final LadderLimit TIERED = (gateway, renditions) -> StakeTiers.ladderRefusal(renditions,
      gateway.equals(GATEWAY_KEY.address()) ? TIER_2_STAKE : BigInteger.ZERO, ONE_RENDITION);

  @TempDir static Path dir;
  private static OrchestratorHarness o;

  @BeforeAll
  static void start() {
    o = new OrchestratorHarness(dir, 4, new StakeUnlocks(AdmissionPriority.NONE, TIERED, BadgeSource.NONE));
  }

  @AfterAll
  static void stop() {
    o.close();
  }

  @Test
  void anUnstakedGatewaysLargerLadderIsRefusedBeforeItsPaymentWhileATierTwoGatewayIsServed() throws Exception {
    byte[] segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
    try (GatewayClient staked = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
        GatewayClient unstaked = new GatewayClient(UNSTAKED, o.sender, o.port())) {
      // An unfunded gateway gets no OrchestratorInfo; it sends with an auth token it got hold of.
      OrchestratorInfo info = staked.getOrchestrator();
      SegData unstakedSegment = unstaked.segData(info, "unstaked", 0, segment, 2000, LADDER);
      // No ticket at all: had the payment been looked at, this would be a 400.
      Payment noFunds = Payment.newBuilder().setSender(ByteString.copyFrom(UNSTAKED.address().toBytes())).build();
      HttpResponse<byte[]> refused = unstaked.post(o.serviceUri, base64(unstakedSegment), base64(noFunds), segment);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo("ladder of 2 renditions refused: "
          + "a gateway of stake tier 0 may ask for 1 per segment; stake tier 2 (1000 LPT staked) allows 10\n");
      assertThat(o.node.sessions().activeSessions()).isZero();
      assertThat(o.work).isEmpty();

      SegData stakedSegment = staked.segData(info, "staked", 0, segment, 2000, LADDER);
      HttpResponse<byte[]> served = staked.post(o.serviceUri, base64(stakedSegment),
          base64(staked.payment(staked.startSession(info), 4, info)), segment);
      assertThat(served.statusCode()).isEqualTo(200);
      TranscodeResult result = TranscodeResult.parseFrom(served.body());
      assertThat(result.hasData()).as(result.getError()).isTrue();
      assertThat(result.getData().getSegmentsCount()).isEqualTo(2);
    }
  }
}
