package dev.lpnode.node.chain;

import static dev.lpnode.node.chain.ChainTests.FACE_VALUE;
import static dev.lpnode.node.chain.ChainTests.TESTDATA;
import static dev.lpnode.node.chain.ChainTests.TICKET_EV;
import static dev.lpnode.node.chain.ChainTests.freePort;
import static dev.lpnode.node.chain.ChainTests.redeemedEvents;
import static dev.lpnode.node.chain.ChainTests.stored;
import static dev.lpnode.node.chain.ChainTests.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.eth.contracts.ServiceRegistry;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitChainExtension;
import dev.lpnode.eth.kit.KitProtocol;
import dev.lpnode.node.NodeProcess;
import dev.lpnode.node.cli.CliActor;
import dev.lpnode.payments.redemption.RedemptionState;
import dev.lpnode.payments.redemption.StoredTicket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * An lpnode gateway and an lpnode orchestrator, each in its own process, on one kit chain: the
 * gateway (the kit's account 2, no {@code -orchAddr}) finds the orchestrator (account 1) in the
 * active pool and the ServiceRegistry, funds its deposit and reserve with {@code ./lpnode cli
 * fundDepositAndReserve}, a stream pushed into it is transcoded and paid with tickets against the
 * TicketBroker's state (no JSON-RPC call per segment), and the orchestrator (account 1) redeems its
 * winning tickets on chain: the gateway's deposit goes down by their face values, the
 * orchestrator's fees up by the same.
 */
class ChainGatewayTest {
  /** Rounds of 100 blocks outlast the tickets' 40. */
  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of("LP_ROUND_LENGTH", "100"));

  private static final String PROFILE = "P144p30fps16x9";
  private static final BigInteger FUNDS = KitProtocol.ETH;
  private static final Pattern REQUEST_CALLS = Pattern.compile("livepeer_eth_rpc_calls_total\\{caller=\"request\"[^}]*\\} ([0-9.E]+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path dir;
  private static NodeProcess orchestrator;
  private static NodeProcess gateway;
  private static int servicePort;
  private static int gatewayCli;
  private static int httpPort;

  @BeforeAll
  static void startOrchestratorAndGateway() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = new KitProtocol(chain);
    protocol.activateOrchestrator(1, KitProtocol.ETH.multiply(BigInteger.valueOf(1000)));
    dir = Files.createTempDirectory("lpnode-chain-gateway-");
    servicePort = freePort();
    // Where gateways find it: the ServiceRegistry, as go-livepeer's on-chain gateways do.
    ServiceRegistry registry = ServiceRegistry.load(chain.contract("ServiceRegistry"), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), chain.account(1).getAddress()), new DefaultGasProvider());
    protocol.send(1, registry.getContractAddress(), registry.setServiceURI(serviceUri()).encodeFunctionCall(), BigInteger.ZERO);
    int orchestratorCli = freePort();
    // 1e9 wei per pixel: a segment costs a few tickets of 1e15, each winning half the time.
    orchestrator = NodeProcess.start(dir.resolve("orchestrator.log"), ChainTests.nodeArgs(chain, chain.rpcUrl(), "kit",
        dir.resolve("orchestrator"), servicePort, orchestratorCli, "-ethController", chain.controller(), "-blockPollingInterval",
        "200ms", "-ticketEV", TICKET_EV.toString(), "-maxFaceValue", FACE_VALUE.toString(), "-pricePerUnit", "1000000000",
        "-pixelsPerUnit", "1", "-autoAdjustPrice=false", "-reward=false"));
    gatewayCli = freePort();
    httpPort = freePort();
    gateway = NodeProcess.start(dir.resolve("gateway.log"), List.of("-gateway", "-network", "kit", "-ethUrl", chain.rpcUrl(),
        "-ethController", chain.controller(), "-ethKeystorePath", chain.keyFile(2).toString(), "-ethPassword",
        chain.passwordFile().toString(), "-dataDir", dir.resolve("gateway").toString(),
        "-httpAddr", "127.0.0.1:" + httpPort, "-rtmpAddr", "127.0.0.1:" + freePort(), "-cliAddr", "127.0.0.1:" + gatewayCli,
        "-monitor", "-blockPollingInterval", "200ms", "-transcodingOptions", PROFILE,
        "-maxTicketEV", TICKET_EV.shiftLeft(1).toString(), "-maxTotalEV", TICKET_EV.multiply(BigInteger.valueOf(100)).toString()));
    orchestrator.awaitServing(orchestratorCli, Duration.ofMinutes(1));
    waitFor(() -> {
      assertThat(gateway.isAlive()).as("gateway running:\n%s", gateway.output()).isTrue();
      try {
        return NodeProcess.get(gatewayCli, "/metrics").statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    }, Duration.ofMinutes(1), "the gateway's operator API");
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (NodeProcess node : new NodeProcess[] {gateway, orchestrator}) {
      if (node != null) {
        node.close();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void aFundedGatewayPaysAnOnChainOrchestratorWhoseWinningTicketsAreRedeemed() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = new KitProtocol(chain);
    String orchestratorAddress = chain.account(1).getAddress();
    String gatewayAddress = chain.account(2).getAddress();
    assertThat(gateway.output()).containsIgnoringCase("Gateway account " + gatewayAddress + " has no deposit and reserve in the TicketBroker")
        .as("no -orchAddr: the orchestrators come from the chain, with their stake").containsPattern("Active orchestrators in round"
            + " \\d+: (?i)" + orchestratorAddress + " " + Pattern.quote(serviceUri() + " (stake "
            + protocol.bondingManager.transcoderTotalStake(orchestratorAddress).send() + ")"));

    JsonObject funded = ok("fundDepositAndReserve", "-deposit", FUNDS.toString(), "-reserve", FUNDS.toString());
    assertThat(funded.getJsonArray("transactions").getJsonObject(0).getString("txHash")).startsWith("0x");
    assertThat(funded.getJsonObject("senderInfo").getString("deposit")).isEqualTo(FUNDS.toString());
    assertThat(protocol.senderInfo(gatewayAddress).deposit()).isEqualTo(FUNDS);
    assertThat(protocol.senderInfo(gatewayAddress).reserveFundsRemaining()).isEqualTo(FUNDS);
    // The gateway learns of its funds from the DepositFunded and ReserveFunded events.
    waitFor(() -> gateway.output().toLowerCase().contains("gateway account " + gatewayAddress + " at block"), Duration.ofSeconds(30),
        "the gateway's funds followed");
    BigInteger feesBefore = protocol.pendingFees(orchestratorAddress);

    push(0);
    double callsBefore = requestCalls();
    int segments = 6;
    for (int seq = 1; seq < segments; seq++) {
      push(seq);
    }
    assertThat(requestCalls() - callsBefore).as("the gateway's JSON-RPC calls while paying %d segments", segments - 1).isZero();
    assertThat(playlist()).contains(PROFILE + "/0.ts").contains(PROFILE + "/" + (segments - 1) + ".ts");

    Path orchestratorData = dir.resolve("orchestrator");
    List<StoredTicket> winners = stored(orchestratorData, t -> true);
    assertThat(winners).as("winning tickets (a few per segment, each wins with probability 1/2)").isNotEmpty();
    assertThat(winners).allMatch(t -> t.winner().ticket().sender().toHex().equalsIgnoreCase(gatewayAddress));
    // Params expire 40 L1 blocks after they were issued; then the orchestrator redeems them.
    chain.mine(45);
    waitFor(() -> stored(orchestratorData, t -> t.state() == RedemptionState.REDEEMED).size() == winners.size(), Duration.ofMinutes(1),
        "every winning ticket redeemed");
    // The gateway's session params expired with those blocks: it gets new ones and keeps paying.
    push(segments);

    BigInteger faceValues = BigInteger.ZERO;
    for (StoredTicket t : stored(orchestratorData, t -> t.state() == RedemptionState.REDEEMED)) {
      assertThat(protocol.isUsedTicket(t.winner().ticket().hash().toBytes())).isTrue();
      faceValues = faceValues.add(t.winner().ticket().faceValue());
    }
    long redeemed = stored(orchestratorData, t -> t.state() == RedemptionState.REDEEMED).size();
    System.out.printf("%d winning tickets of the first %d segments redeemed on chain, %s wei of face value%n", redeemed, segments,
        faceValues);
    assertThat(redeemedEvents(chain, orchestratorAddress)).as("WinningTicketRedeemed events").isEqualTo(redeemed);
    assertThat(protocol.senderInfo(gatewayAddress).deposit()).as("the gateway's deposit").isEqualTo(FUNDS.subtract(faceValues));
    assertThat(protocol.pendingFees(orchestratorAddress).subtract(feesBefore)).as("the orchestrator's fees")
        .isBetween(faceValues.subtract(BigInteger.valueOf(1000)), faceValues);

    // Unlock, then withdraw once the unlock period (the kit's 2 rounds) is over: the funds go back to the account.
    JsonObject unlocking = ok("unlock");
    assertThat(unlocking.getJsonObject("senderInfo").getLong("withdrawRound")).isPositive();
    waitFor(() -> gateway.output().contains("unlocking (withdraw round"), Duration.ofSeconds(30), "the gateway's unlock followed");
    chain.advanceRounds(2);
    BigInteger left = protocol.senderInfo(gatewayAddress).deposit().add(protocol.senderInfo(gatewayAddress).reserveFundsRemaining());
    BigInteger balanceBefore = balance(chain, gatewayAddress);
    JsonObject withdrawn = ok("withdraw");
    assertThat(withdrawn.getJsonObject("senderInfo").getString("deposit")).isEqualTo("0");
    assertThat(balance(chain, gatewayAddress).subtract(balanceBefore)).as("ETH back, less the withdrawal's gas")
        .isBetween(left.subtract(BigInteger.TEN.pow(16)), left);
  }

  @Test
  void theNodeFundsOnlyItsOwnAccountAndShowsItsFunds() throws Exception {
    KitChain chain = KIT.chain();
    String gatewayAddress = chain.account(2).getAddress();
    BigInteger nonce = chain.web3j().ethGetTransactionCount(gatewayAddress, DefaultBlockParameterName.LATEST).send().getTransactionCount();
    CliActor.Run other = cli("fundDepositAndReserve", "-sender", chain.account(3).getAddress(), "-deposit", "1", "-reserve", "1");
    assertThat(other.status()).isEqualTo(1);
    assertThat(other.err()).contains("on a chain network the node funds only its own account");
    assertThat(chain.web3j().ethGetTransactionCount(gatewayAddress, DefaultBlockParameterName.LATEST).send().getTransactionCount())
        .as("transactions sent from the gateway's account").isEqualTo(nonce);
    JsonObject info = ok("senderInfo");
    assertThat(info.getString("sender")).isEqualToIgnoringCase(gatewayAddress);
    assertThat(info.getString("deposit")).isEqualTo(new KitProtocol(chain).senderInfo(gatewayAddress).deposit().toString());
  }

  private static BigInteger balance(KitChain chain, String account) throws Exception {
    return chain.web3j().ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  private static String serviceUri() {
    return "https://127.0.0.1:" + servicePort;
  }

  /** Pushes segment {@code seq} of the test stream; asserts the gateway answered with its renditions. */
  private static void push(long seq) throws Exception {
    byte[] segment = Files.readAllBytes(TESTDATA.resolve("transmux.ts"));
    HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/live/chain/" + seq
        + ".ts")).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(segment)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as("segment %d: %s\n%s", seq, reply.body(), gateway.output()).isEqualTo(200);
  }

  private static String playlist() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/stream/chain/" + PROFILE + ".m3u8")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double requestCalls() throws Exception {
    return ChainTests.metric(gatewayCli, REQUEST_CALLS);
  }


  /** {@code ./lpnode cli} against the gateway. */
  private static CliActor.Run cli(String... args) {
    return CliActor.cli(List.of("-cliAddr", "127.0.0.1:" + gatewayCli, "-dataDir", dir.resolve("gateway").toString()), null, args);
  }

  /** {@code ./lpnode cli} against the gateway; asserts it succeeded and returns its JSON. */
  private static JsonObject ok(String... args) {
    CliActor.Run run = cli(args);
    assertThat(run.status()).as("%s: %s", String.join(" ", args), run.err()).isZero();
    return new JsonObject(run.out());
  }
}
