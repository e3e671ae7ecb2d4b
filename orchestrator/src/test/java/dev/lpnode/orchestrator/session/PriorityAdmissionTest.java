package dev.lpnode.orchestrator.session;

import static dev.lpnode.orchestrator.testing.GatewayClient.base64;
import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.SegData;
import dev.lpnode.wire.net.TranscodeResult;
import io.grpc.StatusRuntimeException;
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
 * A real orchestrator whose one session is reserved for priority gateways: an unstaked gateway is
 * refused with go-livepeer's {@code OrchestratorCapped} at discovery and on its segment, before its
 * payment is looked at, while the staked one is served.
 */
class PriorityAdmissionTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9");
  private static final SigningKey UNSTAKED = OrchestratorHarness.UNSTAKED_GATEWAY_KEY;

  @TempDir static Path dir;
  private static OrchestratorHarness o;

  /** Every session of the cap is reserved; only the harness's funded gateway has priority. */
  private static final AdmissionPriority STAKED_GATEWAY_ONLY = new AdmissionPriority() {
    @Override
    public int reserved(int maxSessions) {
      return maxSessions;
    }

    @Override
    public boolean hasPriority(EthAddress gateway) {
      return gateway.equals(GATEWAY_KEY.address());
    }
  };

  @BeforeAll
  static void start() {
    o = new OrchestratorHarness(dir, 1, STAKED_GATEWAY_ONLY);
  }

  @AfterAll
  static void stop() {
    o.close();
  }

  @Test
  void anUnstakedGatewayIsCappedAtDiscoveryAndOnItsSegmentWhileAStakedOneIsServed() throws Exception {
    byte[] segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
    try (GatewayClient staked = new GatewayClient(GATEWAY_KEY, o.sender, o.port());
        GatewayClient unstaked = new GatewayClient(UNSTAKED, o.sender, o.port())) {
      assertThatThrownBy(unstaked::getOrchestrator).isInstanceOf(StatusRuntimeException.class)
          .hasMessage("UNKNOWN: Invalid orchestrator request: OrchestratorCapped");

      OrchestratorInfo info = staked.getOrchestrator();
      // Its segment, with an auth token it could have had before the cap filled: refused before its payment.
      SegData unstakedSegment = unstaked.segData(info, "unstaked", 0, segment, 2000, LADDER);
      Payment noFunds = Payment.newBuilder().setSender(ByteString.copyFrom(UNSTAKED.address().toBytes())).build();
      HttpResponse<byte[]> refused = unstaked.post(o.serviceUri, base64(unstakedSegment), base64(noFunds), segment);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("OrchestratorCapped");
      assertThat(o.node.sessions().activeSessions()).isZero();

      SegData stakedSegment = staked.segData(info, "staked", 0, segment, 2000, LADDER);
      HttpResponse<byte[]> served = staked.post(o.serviceUri, base64(stakedSegment),
          base64(staked.payment(staked.startSession(info), 4, info)), segment);
      assertThat(served.statusCode()).isEqualTo(200);
      TranscodeResult result = TranscodeResult.parseFrom(served.body());
      assertThat(result.hasData()).as(result.getError()).isTrue();
      assertThat(result.getData().getSegmentsCount()).isEqualTo(1);
      assertThat(o.node.sessions().activeSessions()).isEqualTo(1);
    }
  }
}
