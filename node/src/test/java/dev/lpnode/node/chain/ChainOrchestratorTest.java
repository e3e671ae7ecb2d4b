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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An lpnode orchestrator on the chain kit, in its own process: start-up checks, paid segments with
 * no JSON-RPC call in steady state, and winning tickets redeemed on the TicketBroker exactly once
 * across a SIGKILL while redemptions are in flight.
 */
class ChainOrchestratorTest {
  /** Rounds of 100 blocks outlast the tickets' 40. */
  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of("LP_ROUND_LENGTH", "100"));

  private static final Pattern REQUEST_CALLS = Pattern.compile("livepeer_eth_rpc_calls_total\\{caller=\"request\"[^}]*\\} ([0-9.E]+)");

  @TempDir
  Path dir;

  private static List<String> nodeArgs(KitChain chain, String network, Path dataDir, int servicePort, int cliPort, String... more) {
    return ChainTests.nodeArgs(chain, chain.rpcUrl(), network, dataDir, servicePort, cliPort, more);
  }

  private int startAndExit(List<String> args, String name) throws Exception {
    return NodeProcess.start(dir.resolve(name + ".log"), args).exitStatus(Duration.ofMinutes(2));
  }

  @Test
  void aChainTheNodeCannotUseStopsItWithStatusTwoBeforeAnyPortOpens() throws Exception {
    KitChain chain = KIT.chain();
    int cli = freePort();
    List<String> wrongChain = nodeArgs(chain, "arbitrum-one-mainnet", dir.resolve("a"), freePort(), cli);
    NodeProcess node = NodeProcess.start(dir.resolve("a.log"), wrongChain);
    assertThat(node.exitStatus(Duration.ofMinutes(2))).isEqualTo(2);
    assertThat(node.output()).contains("lpnode: the Ethereum node at -ethUrl " + chain.rpcUrl()
        + " is on chain id 412346, not this network's 42161").doesNotContain("Operator API on");

    List<String> noController = nodeArgs(chain, "kit", dir.resolve("b"), freePort(), cli);
    assertThat(startAndExit(noController, "b")).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("b.log"))).contains("lpnode: -ethController is required on network kit");

    List<String> notAController = nodeArgs(chain, "kit", dir.resolve("c"), freePort(), cli, "-ethController",
        "0x000000000000000000000000000000000000dEaD");
    assertThat(startAndExit(notAController, "c")).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("c.log"))).contains("lpnode: no contract at -ethController");

    int closed = freePort();
    List<String> unreachable = new ArrayList<>(nodeArgs(chain, "kit", dir.resolve("d"), freePort(), cli, "-ethController",
        chain.controller()));
    unreachable.set(unreachable.indexOf(chain.rpcUrl()), "http://127.0.0.1:" + closed);
    assertThat(startAndExit(unreachable, "d")).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("d.log"))).contains("lpnode: cannot reach the Ethereum node at -ethUrl http://127.0.0.1:" + closed);
  }

  @Test
  void winningTicketsAreRedeemedOnChainExactlyOnceAcrossASigkill() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = orchestratorAndGateway(chain);
    String orchestrator = chain.account(1).getAddress();
    String gatewayAddress = chain.account(2).getAddress();
    BigInteger feesBefore = protocol.pendingFees(orchestrator);
    BigInteger depositBefore = protocol.senderInfo(gatewayAddress).deposit();
    // A block every second from now on, and no block per transaction: a redemption waits for its block.
    chain.rpc("evm_setAutomine", false);
    chain.rpc("evm_setIntervalMining", 1);

    Path dataDir = dir.resolve("orchestrator");
    int servicePort = freePort();
    int cliPort = freePort();
    List<String> args = nodeArgs(chain, "kit", dataDir, servicePort, cliPort, "-ethController", chain.controller(),
        "-blockPollingInterval", "200ms", "-initializeRound", "-monitor", "-ticketEV", TICKET_EV.toString(),
        "-maxFaceValue", FACE_VALUE.toString());

    long start = System.nanoTime();
    NodeProcess first = NodeProcess.start(dir.resolve("first.log"), args);
    List<StoredTicket> acknowledged;
    try (EthNetwork gatewayChain = gatewayView(chain, dir.resolve("gateway"))) {
      gatewayChain.start();
      first.awaitServing(cliPort, Duration.ofMinutes(2));
      System.out.printf("started and serving on the chain in %d ms%n", (System.nanoTime() - start) / 1_000_000);
      Sender sender = gatewaySender(chain, gatewayChain);
      byte[] segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
      try (GatewayClient gateway = new GatewayClient(SigningKey.of(chain.account(2)), sender, servicePort)) {
        OrchestratorInfo info = gateway.getOrchestrator();
        assertThat(new BigInteger(1, info.getTicketParams().getFaceValue().toByteArray())).isEqualTo(FACE_VALUE);
        SenderSession session = gateway.startSession(info);
        paidSegment(gateway, session, info, 1, segment); // the first payment reads the gateway's funds once
        double callsBefore = requestCalls(cliPort);
        int segments = 6;
        for (int seq = 2; seq <= segments; seq++) {
          paidSegment(gateway, session, info, seq, segment);
        }
        assertThat(requestCalls(cliPort) - callsBefore).as("JSON-RPC calls made while serving %d paid segments", segments - 1)
            .isZero();
      }
      acknowledged = stored(dataDir, t -> true);
      assertThat(acknowledged).as("winning tickets (each of 24 wins with probability 1/2)").isNotEmpty();

      // Params expire 40 L1 blocks after they were issued: then the node redeems, one transaction per block.
      chain.mine(45);
      waitFor(() -> !stored(dataDir, t -> t.state() == RedemptionState.SUBMITTED && t.txHash() != null).isEmpty(),
          Duration.ofMinutes(2), "a redemption transaction in flight");
      first.kill();
    }
    List<StoredTicket> atKill = stored(dataDir, t -> true);
    long inFlight = atKill.stream().filter(t -> t.state() == RedemptionState.SUBMITTED).count();
    assertThat(inFlight).as("redemptions in flight at the SIGKILL").isPositive();
    System.out.printf("SIGKILL with %d winning tickets: %d redeemed, %d in flight, %d queued%n", atKill.size(),
        atKill.stream().filter(t -> t.state() == RedemptionState.REDEEMED).count(), inFlight,
        atKill.stream().filter(t -> t.state() == RedemptionState.QUEUED).count());

    long restart = System.nanoTime();
    try (NodeProcess second = NodeProcess.start(dir.resolve("second.log"), args)) {
      second.awaitServing(cliPort, Duration.ofMinutes(2));
      System.out.printf("restarted and serving in %d ms%n", (System.nanoTime() - restart) / 1_000_000);
      waitFor(() -> stored(dataDir, t -> t.state() == RedemptionState.REDEEMED).size() == acknowledged.size(),
          Duration.ofMinutes(3), "every acknowledged winner redeemed");
      // -initializeRound and -reward: the round the redemptions crossed into is initialized and rewarded, once.
      waitFor(() -> lastRewardRound(protocol, orchestrator) == currentRound(chain), Duration.ofMinutes(1),
          "reward() called for the current round");
      System.out.println(second.output().lines().filter(l -> l.contains("RedemptionQueue") || l.contains("Transactions"))
          .reduce("", (a, b) -> a + b + "\n"));
    }

    BigInteger faceValues = BigInteger.ZERO;
    for (StoredTicket t : acknowledged) {
      assertThat(protocol.isUsedTicket(t.winner().ticket().hash().toBytes())).isTrue();
      faceValues = faceValues.add(t.winner().ticket().faceValue());
    }
    assertThat(redeemedEvents(chain, orchestrator)).as("WinningTicketRedeemed events").isEqualTo(acknowledged.size());
    assertThat(protocol.senderInfo(gatewayAddress).deposit()).isEqualTo(depositBefore.subtract(faceValues));
    assertThat(protocol.pendingFees(orchestrator).subtract(feesBefore)).isBetween(faceValues.subtract(BigInteger.valueOf(1000)),
        faceValues);
  }

  private static long lastRewardRound(KitProtocol protocol, String orchestrator) throws Exception {
    return protocol.bondingManager.getTranscoder(orchestrator).send().component1().longValueExact();
  }

  private static long currentRound(KitChain chain) throws Exception {
    return dev.lpnode.eth.contracts.RoundsManager.load(chain.contract("RoundsManager"), chain.web3j(),
        new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), chain.account(0).getAddress()), new org.web3j.tx.gas.DefaultGasProvider())
        .currentRound().send().longValueExact();
  }

  private static double requestCalls(int cliPort) throws Exception {
    return ChainTests.metric(cliPort, REQUEST_CALLS);
  }
}
