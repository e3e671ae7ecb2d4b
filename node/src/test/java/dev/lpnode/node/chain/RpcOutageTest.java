package dev.lpnode.node.chain;

import dev.lpnode.node.NodeProcess;
import static dev.lpnode.node.chain.ChainTests.FACE_VALUE;
import static dev.lpnode.node.chain.ChainTests.TESTDATA;
import static dev.lpnode.node.chain.ChainTests.TICKET_EV;
import static dev.lpnode.node.chain.ChainTests.freePort;
import static dev.lpnode.node.chain.ChainTests.gatewaySender;
import static dev.lpnode.node.chain.ChainTests.gatewayView;
import static dev.lpnode.node.chain.ChainTests.metric;
import static dev.lpnode.node.chain.ChainTests.orchestratorAndGateway;
import static dev.lpnode.node.chain.ChainTests.paidSegment;
import static dev.lpnode.node.chain.ChainTests.redeemedEvents;
import static dev.lpnode.node.chain.ChainTests.stored;
import static dev.lpnode.node.chain.ChainTests.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.eth.EthNetwork;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitChainExtension;
import dev.lpnode.eth.kit.KitProtocol;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.redemption.RedemptionState;
import dev.lpnode.payments.redemption.StoredTicket;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.net.OrchestratorInfo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An orchestrator on the chain kit whose JSON-RPC endpoint goes away mid-stream, for real: its
 * {@code -ethUrl} is a TCP relay to anvil that the test stops listening (and drops its
 * connections) while a redemption is in flight, segments keep coming and anvil moves on by a
 * round, then answers 429 Too Many Requests for a while, then relays again.
 */
class RpcOutageTest {
  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of("LP_ROUND_LENGTH", "100"));

  private static final Pattern WATCHER_ERRORS = Pattern.compile("livepeer_eth_rpc_errors_total\\{caller=\"watcher\"[^}]*\\} ([0-9.E]+)");
  private static final Pattern CURRENT_ROUND = Pattern.compile("livepeer_current_round\\{[^}]*\\} ([0-9.E]+)");
  private static final Pattern BACK = Pattern.compile("-ethUrl \\S+ is back after \\d+ s \\(\\d+ polls failed\\): caught up from block #(\\d+) to #(\\d+)");
  private static final String LOST = " lost: ";
  /** At least this long: for the watcher's backoff to grow past a few seconds. */
  private static final Duration OUTAGE = Duration.ofSeconds(6);

  @TempDir
  Path dir;

  @Test
  void segmentsAreServedOnCreditThroughAnOutageAndTheWatcherAndRedemptionsResumeWhenTheEndpointIsBack() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = orchestratorAndGateway(chain);
    String orchestrator = chain.account(1).getAddress();
    URI anvil = URI.create(chain.rpcUrl());

    Path dataDir = dir.resolve("orchestrator");
    int servicePort = freePort();
    int cliPort = freePort();
    try (TcpProxy proxy = new TcpProxy(new InetSocketAddress(anvil.getHost(), anvil.getPort()))) {
      List<String> args = ChainTests.nodeArgs(chain, "http://127.0.0.1:" + proxy.port(), "kit", dataDir, servicePort, cliPort,
          "-ethController", chain.controller(), "-blockPollingInterval", "200ms", "-monitor", "-ticketEV", TICKET_EV.toString(),
          "-maxFaceValue", FACE_VALUE.toString());
      try (NodeProcess node = NodeProcess.start(dir.resolve("node.log"), args);
          EthNetwork gatewayChain = gatewayView(chain, dir.resolve("gateway"))) {
        gatewayChain.start();
        node.awaitServing(cliPort, Duration.ofMinutes(2));
        Sender sender = gatewaySender(chain, gatewayChain);
        byte[] segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
        int segments = 9;
        int servedInOutage = 0;
        long round;
        long anvilHead;
        long inFlight;
        try (GatewayClient gateway = new GatewayClient(SigningKey.of(chain.account(2)), sender, servicePort)) {
          OrchestratorInfo info = gateway.getOrchestrator();
          SenderSession session = gateway.startSession(info);
          for (int seq = 1; seq <= 3; seq++) {
            paidSegment(gateway, session, info, seq, segment);
          }
          // A block a second from now on: the first winners come due and their redemptions wait for their blocks.
          chain.rpc("evm_setAutomine", false);
          chain.rpc("evm_setIntervalMining", 1);
          chain.mine(45);
          waitFor(() -> !stored(dataDir, t -> t.state() == RedemptionState.SUBMITTED && t.txHash() != null).isEmpty(),
              Duration.ofMinutes(1), "a redemption transaction in flight");
          OrchestratorInfo later = gateway.getOrchestrator();

          proxy.cut();
          long cutAt = System.nanoTime();
          inFlight = stored(dataDir, t -> t.state() == RedemptionState.SUBMITTED).size();
          waitFor(() -> node.output().contains(LOST), Duration.ofSeconds(30), "the outage logged");
          double errorsAtCut = metric(cliPort, WATCHER_ERRORS);
          session = gateway.startSession(later);
          for (int seq = 4; seq <= segments; seq++) {
            paidSegment(gateway, session, later, seq, segment); // on credit: checked against the cached chain state
            servedInOutage++;
          }
          // Meanwhile the chain moves on: a new round is initialized, and the tickets' params expire.
          round = chain.advanceRounds(1);
          chain.mine(45);
          // The endpoint answers again, but only 429 Too Many Requests: still an outage, backing off still.
          proxy.throttle();
          double errorsAtThrottle = metric(cliPort, WATCHER_ERRORS);
          waitFor(() -> metric(cliPort, WATCHER_ERRORS) > errorsAtThrottle, Duration.ofMinutes(1), "a poll answered 429");
          long left = OUTAGE.toNanos() - (System.nanoTime() - cutAt);
          if (left > 0) {
            Thread.sleep(left / 1_000_000); // the outage itself: the backoff's growth is what is measured
          }
          double outageErrors = metric(cliPort, WATCHER_ERRORS) - errorsAtCut;
          long outageMs = (System.nanoTime() - cutAt) / 1_000_000;
          System.out.printf("outage of %d ms from %d redemptions in flight: %d segments served on credit, %.0f failed watcher polls"
              + " (every 200 ms would be %d)%n", outageMs, inFlight, servedInOutage, outageErrors, outageMs / 200);
          assertThat(outageErrors).as("failed watcher calls during a %d ms outage, backing off from 200 ms", outageMs)
              .isLessThanOrEqualTo(8);
          anvilHead = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
          proxy.restore();
          chain.rpc("evm_setAutomine", true); // the redemptions left need not wait a second each
        }

        waitFor(() -> BACK.matcher(node.output()).find(), Duration.ofMinutes(2), "the watcher back on the chain");
        Matcher back = BACK.matcher(node.output());
        assertThat(back.find()).isTrue();
        System.out.println(back.group());
        assertThat(Long.parseLong(back.group(2))).as("the watcher's head after the outage").isGreaterThanOrEqualTo(anvilHead);
        assertThat((long) metric(cliPort, CURRENT_ROUND)).as("the round initialized while the endpoint was gone").isEqualTo(round);

        List<StoredTicket> winners = stored(dataDir, t -> true);
        assertThat(winners).as("winning tickets (each of %d wins with probability 1/2)", segments * 4).isNotEmpty();
        waitFor(() -> stored(dataDir, t -> t.state() == RedemptionState.REDEEMED || t.state() == RedemptionState.FAILED).size()
            == winners.size(), Duration.ofMinutes(2), "every winning ticket settled after the outage");
        assertThat(stored(dataDir, t -> t.state() == RedemptionState.FAILED)).as("winning tickets given up").isEmpty();
        assertThat(stored(dataDir, t -> t.state() == RedemptionState.REDEEMED)).hasSameSizeAs(winners);
        for (StoredTicket t : winners) {
          assertThat(protocol.isUsedTicket(t.winner().ticket().hash().toBytes())).isTrue();
        }
        assertThat(redeemedEvents(chain, orchestrator)).as("WinningTicketRedeemed events").isEqualTo(winners.size());
        System.out.printf("%d winning tickets redeemed once each after the outage%n", winners.size());

        String log = node.output();
        assertThat(log.lines().filter(l -> l.contains(LOST)).count()).as("lines saying the endpoint is lost").isEqualTo(1);
        List<String> duringOutage = log.substring(log.indexOf(LOST), back.start()).lines().toList();
        System.out.println("logged during the outage:\n" + String.join("\n", duringOutage));
        assertThat(duringOutage).as("what the node logged during the outage").hasSizeLessThanOrEqualTo(4);
      }
    }
  }
}
