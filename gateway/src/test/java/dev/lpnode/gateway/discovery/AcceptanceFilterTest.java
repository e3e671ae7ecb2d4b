package dev.lpnode.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.transcode.JobCapabilities;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.ManualChain;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketParams;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which discovered orchestrators a stream may use, with a real sender against an embedded ticket broker. */
class AcceptanceFilterTest {
  private static final SigningKey GATEWAY = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final EthAddress ORCHESTRATOR = SigningKey.fromHex(
      "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d").address();
  private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final Capabilities JOB = JobCapabilities.of(LadderParser.parsePresets("P240p30fps16x9"), "h264", "");

  private final ManualChain chain = new ManualChain();
  private EmbeddedTicketBroker broker;
  private SegmentPayments payments;

  @BeforeEach
  void setUp(@TempDir Path dir) {
    chain.setL1Block(1_000);
    chain.initializeRound(10, Bytes32.of(new byte[32]));
    broker = EmbeddedTicketBroker.open(dir.resolve("broker.db"), chain, chain, EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
    broker.fundDepositAndReserveFor(GATEWAY.address(), GATEWAY.address(), BigInteger.TEN.pow(18), BigInteger.TEN.pow(18));
    Sender sender = new Sender(GATEWAY, new Chain(chain, chain, chain, chain, broker), SenderConfig.defaults());
    payments = SegmentPayments.withTickets(sender, Rational.of(2000));
  }

  @AfterEach
  void tearDown() {
    broker.close();
  }

  /** An orchestrator at 1000 wei per pixel with params for 8 gwei tickets of 0.001 ETH, valid until block 1040. */
  private static OrchestratorInfo.Builder goodInfo() {
    BigInteger faceValue = BigInteger.TEN.pow(15);
    BigInteger winProb = MAX.divide(BigInteger.valueOf(125_000));
    return OrchestratorInfo.newBuilder()
        .setTranscoder("https://o.example:8935")
        .setAddress(ByteString.copyFrom(ORCHESTRATOR.toBytes()))
        .setCapabilities(CapabilitySet.orchestratorDefaults().toNet("0.9.1", 10))
        .setAuthToken(AuthToken.newBuilder().setSessionId("01234567").setExpiration(Long.MAX_VALUE / 2))
        .setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(1000).setPixelsPerUnit(1))
        .setTicketParams(TicketParams.newBuilder()
            .setRecipient(ByteString.copyFrom(ORCHESTRATOR.toBytes()))
            .setFaceValue(ByteString.copyFrom(faceValue.toByteArray()))
            .setWinProb(ByteString.copyFrom(winProb.toByteArray()))
            .setRecipientRandHash(ByteString.copyFrom(new byte[32]))
            .setSeed(ByteString.copyFrom(BigInteger.valueOf(7).toByteArray()))
            .setExpirationBlock(ByteString.copyFrom(BigInteger.valueOf(1_040).toByteArray())));
  }

  @Test
  void aCompatibleFundedOrchestratorWithinThePriceCapIsAccepted() {
    assertThat(new AcceptanceFilter(Set.of(), payments).reject(goodInfo().build(), JOB)).isEmpty();
  }

  @Test
  void orchestratorsThatCannotServeTheJobAreRejected() {
    AcceptanceFilter filter = new AcceptanceFilter(Set.of(ORCHESTRATOR), payments);
    assertThat(filter.reject(goodInfo().build(), JOB)).contains("blocklisted");
    AcceptanceFilter open = new AcceptanceFilter(Set.of(), payments);
    assertThat(open.reject(goodInfo().setTranscoder("").build(), JOB)).contains("no service URI");
    assertThat(open.reject(goodInfo().clearCapabilities().build(), JOB)).contains("incompatible capabilities");
    assertThat(open.reject(goodInfo().build(), JobCapabilities.of(LadderParser.parsePresets("P240p30fps16x9"), "h264",
        "0.9.2"))).as("-orchMinLivepeerVersion 0.9.2").contains("incompatible capabilities");
    assertThat(open.reject(goodInfo().clearAuthToken().build(), JOB)).contains("missing auth token");
  }

  @Test
  void whenPayingPriceAndTicketParamsMustBeAcceptable() {
    AcceptanceFilter filter = new AcceptanceFilter(Set.of(), payments);
    assertThat(filter.reject(goodInfo().setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(4001).setPixelsPerUnit(2))
        .build(), JOB)).contains("price above -maxPricePerUnit");
    assertThat(filter.reject(goodInfo().clearPriceInfo().build(), JOB)).contains("missing or invalid price");
    assertThat(filter.reject(goodInfo().clearTicketParams().build(), JOB)).contains("missing ticket params");
    OrchestratorInfo.Builder expired = goodInfo();
    expired.getTicketParamsBuilder().setExpirationBlock(ByteString.copyFrom(BigInteger.valueOf(1_001).toByteArray()));
    assertThat(filter.reject(expired.build(), JOB)).contains("TicketParams expired");
    OrchestratorInfo.Builder tooRich = goodInfo();
    tooRich.getTicketParamsBuilder().setFaceValue(ByteString.copyFrom(BigInteger.TEN.pow(19).toByteArray()))
        .setWinProb(ByteString.copyFrom(MAX.divide(BigInteger.valueOf(1_250_000_000)).toByteArray()));
    assertThat(filter.reject(tooRich.build(), JOB)).hasValueSatisfying(r -> assertThat(r).contains("> max faceValue"));

    AcceptanceFilter offchain = new AcceptanceFilter(Set.of(), SegmentPayments.offchain());
    assertThat(offchain.reject(goodInfo().clearTicketParams().clearPriceInfo().build(), JOB))
        .as("an off-chain gateway pays nothing and checks no price").isEmpty();
  }
}
