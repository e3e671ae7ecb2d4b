package dev.lpnode.node.chain;

import dev.lpnode.node.NodeProcess;
import static dev.lpnode.node.chain.ChainTests.FACE_VALUE;
import static dev.lpnode.node.chain.ChainTests.TESTDATA;
import static dev.lpnode.node.chain.ChainTests.TICKET_EV;
import static dev.lpnode.node.chain.ChainTests.freePort;
import static dev.lpnode.node.chain.ChainTests.gatewaySender;
import static dev.lpnode.node.chain.ChainTests.gatewayView;
import static dev.lpnode.node.chain.ChainTests.orchestratorAndGateway;
import static dev.lpnode.node.chain.ChainTests.paidSegment;
import static dev.lpnode.node.chain.ChainTests.postSegment;
import static dev.lpnode.node.chain.ChainTests.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.eth.EthNetwork;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitChainExtension;
import dev.lpnode.eth.kit.KitProtocol;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.sender.TicketParamsException;
import dev.lpnode.wire.net.OrchestratorInfo;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that starts unlocking its deposit on the real TicketBroker mid-session. An honest
 * gateway stops paying by itself (go-livepeer's sender check). One that does not follow the chain
 * (its view is never refreshed here) keeps sending tickets: the orchestrator learns of the unlock
 * from the Unlock event (no RPC per segment) and refuses them with go-livepeer's text, as the funds
 * may be gone before a winner could be redeemed. Funding the deposit again cancels the unlock
 * (UnlockCancelled) and the segments are served again.
 */
class DepositUnlockTest {
  /** One round to unlock: the unlock ends by the next round, so it is refused at once. */
  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of("LP_ROUND_LENGTH", "100", "LP_UNLOCK_PERIOD", "1"));

  @TempDir
  Path dir;

  @Test
  void aGatewayUnlockingItsDepositIsRefusedUntilItFundsItAgain() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = orchestratorAndGateway(chain);
    String gatewayAddress = chain.account(2).getAddress();
    int servicePort = freePort();
    int cliPort = freePort();
    List<String> args = ChainTests.nodeArgs(chain, chain.rpcUrl(), "kit", dir.resolve("orchestrator"), servicePort, cliPort,
        "-ethController", chain.controller(), "-blockPollingInterval", "200ms", "-ticketEV", TICKET_EV.toString(),
        "-maxFaceValue", FACE_VALUE.toString());
    try (NodeProcess node = NodeProcess.start(dir.resolve("node.log"), args);
        EthNetwork honestView = gatewayView(chain, dir.resolve("honest"));
        EthNetwork staleView = gatewayView(chain, dir.resolve("stale"))) {
      honestView.start(); // the stale view is never started: it keeps what it first read
      node.awaitServing(cliPort, Duration.ofMinutes(2));
      Sender honest = gatewaySender(chain, honestView);
      Sender sender = gatewaySender(chain, staleView);
      byte[] segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
      try (GatewayClient gateway = new GatewayClient(SigningKey.of(chain.account(2)), sender, servicePort)) {
        OrchestratorInfo info = gateway.getOrchestrator();
        SenderSession session = gateway.startSession(info);
        AtomicLong seq = new AtomicLong();
        paidSegment(gateway, session, info, seq.incrementAndGet(), segment);

        protocol.send(2, protocol.ticketBroker.getContractAddress(), protocol.ticketBroker.unlock().encodeFunctionCall(),
            BigInteger.ZERO);
        assertThat(protocol.senderInfo(gatewayAddress).withdrawRound()).as("unlocking").isPositive();
        SenderSession honestSession = honest.startSession(info.getTicketParams());
        waitFor(() -> refusesToPay(honest, honestSession, info), Duration.ofSeconds(30), "the honest gateway stops paying");
        AtomicReference<HttpResponse<byte[]>> refused = new AtomicReference<>();
        waitFor(() -> {
          HttpResponse<byte[]> response = postSegment(gateway, session, info, seq.incrementAndGet(), segment);
          refused.set(response);
          return response.statusCode() != 200;
        }, Duration.ofSeconds(30), "the unlock seen by the orchestrator");
        assertThat(new String(refused.get().body()))
            .containsIgnoringCase("deposit and reserve for sender " + gatewayAddress + " is set to unlock soon");

        BigInteger more = KitProtocol.ETH;
        protocol.send(2, protocol.ticketBroker.getContractAddress(), protocol.ticketBroker.fundDeposit(more).encodeFunctionCall(),
            more);
        assertThat(protocol.senderInfo(gatewayAddress).withdrawRound()).as("unlock cancelled by the sender's own funding").isZero();
        waitFor(() -> postSegment(gateway, session, info, seq.incrementAndGet(), segment).statusCode() == 200, Duration.ofSeconds(30),
            "the cancelled unlock seen by the orchestrator");
        paidSegment(gateway, session, info, seq.incrementAndGet(), segment);
      }
    }
  }

  /** Whether {@code sender} refuses to make tickets, with go-livepeer's sender-side text. */
  private static boolean refusesToPay(Sender sender, SenderSession session, OrchestratorInfo info) {
    try {
      sender.createPayment(session, 1, info.getPriceInfo());
      return false;
    } catch (TicketParamsException e) {
      assertThat(e.getMessage()).isEqualTo("unable to validate sender: deposit and reserve is set to unlock soon");
      return true;
    }
  }
}
