package dev.lpnode.node.chain;

import dev.lpnode.node.NodeProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.eth.EthNetwork;
import dev.lpnode.eth.contracts.TicketBroker;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitProtocol;
import dev.lpnode.orchestrator.testing.GatewayClient;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.redemption.RedemptionState;
import dev.lpnode.payments.redemption.StoredTicket;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.TranscodeResult;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.utils.Numeric;

/** What the chain tests share: an orchestrator's flags on the kit, paid segments from a gateway, and reading back its winning tickets. */
final class ChainTests {
  static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9");
  static final Path TESTDATA = Path.of(System.getProperty("lpnode.testdata"));
  /** Each ticket is worth 1e15 wei and wins half the time (face value 2e15). */
  static final BigInteger TICKET_EV = BigInteger.TEN.pow(15);
  static final BigInteger FACE_VALUE = TICKET_EV.shiftLeft(1);

  private ChainTests() {
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The kit's account 1 made an active orchestrator (1000 LPT bonded), account 2 a gateway with 5 ETH of deposit and 5 of reserve. */
  static KitProtocol orchestratorAndGateway(KitChain chain) throws Exception {
    KitProtocol protocol = new KitProtocol(chain);
    protocol.activateOrchestrator(1, KitProtocol.ETH.multiply(BigInteger.valueOf(1000)));
    BigInteger deposit = KitProtocol.ETH.multiply(BigInteger.valueOf(5));
    protocol.fundDepositAndReserve(2, deposit, deposit);
    return protocol;
  }

  /** Account 2 paying tickets of {@link #TICKET_EV}, from its own view of the chain. */
  static Sender gatewaySender(KitChain chain, EthNetwork gatewayChain) {
    return new Sender(SigningKey.of(chain.account(2)), gatewayChain.chain(),
        new SenderConfig(TICKET_EV.multiply(BigInteger.TEN), TICKET_EV.multiply(BigInteger.valueOf(100)), 1));
  }

  /** An orchestrator as the kit's account 1, on {@code network} through {@code ethUrl}. */
  static List<String> nodeArgs(KitChain chain, String ethUrl, String network, Path dataDir, int servicePort, int cliPort,
      String... more) {
    List<String> args = new ArrayList<>(List.of("-orchestrator", "-transcoder", "-network", network, "-ethUrl", ethUrl,
        "-ethKeystorePath", chain.keyFile(1).toString(), "-ethPassword", chain.passwordFile().toString(),
        "-dataDir", dataDir.toString(), "-serviceAddr", "127.0.0.1:" + servicePort, "-cliAddr", "127.0.0.1:" + cliPort,
        "-testTranscoder=false", "-maxSessions", "2", "-transcodingOptions", "P144p30fps16x9"));
    args.addAll(List.of(more));
    return args;
  }

  /** The gateway's own view of the kit's chain (account 2), straight to anvil, its state in {@code dir}; not started. */
  static EthNetwork gatewayView(KitChain chain, Path dir) throws Exception {
    return chain.view(2, dir);
  }

  /** Sends segment {@code seq} with a payment of 4 tickets; asserts it is served with every rendition of {@link #LADDER}. */
  static void paidSegment(GatewayClient gateway, SenderSession session, OrchestratorInfo info, long seq, byte[] segment)
      throws Exception {
    HttpResponse<byte[]> response = postSegment(gateway, session, info, seq, segment);
    assertThat(response.statusCode()).as("segment %d: %s", seq, new String(response.body())).isEqualTo(200);
    assertThat(TranscodeResult.parseFrom(response.body()).getData().getSegmentsCount()).as("segment %d's renditions", seq)
        .isEqualTo(LADDER.size());
  }

  /** Sends segment {@code seq} with a payment of 4 tickets; the orchestrator's answer, whatever it is. */
  static HttpResponse<byte[]> postSegment(GatewayClient gateway, SenderSession session, OrchestratorInfo info, long seq,
      byte[] segment) throws Exception {
    String payment = GatewayClient.base64(gateway.payment(session, 4, info));
    String segData = GatewayClient.base64(gateway.segData(info, "chain-stream", seq, segment, 2000, LADDER));
    return gateway.post(info.getTranscoder(), segData, payment, segment);
  }

  /** The value of the first sample in the node's {@code /metrics} that {@code sample} matches (its group 1). */
  static double metric(int cliPort, Pattern sample) throws Exception {
    Matcher m = sample.matcher(NodeProcess.get(cliPort, "/metrics").body());
    assertThat(m.find()).as("%s in /metrics", sample).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static List<StoredTicket> stored(Path dataDir, Predicate<StoredTicket> which) {
    try (WinningTicketStore store = WinningTicketStore.open(dataDir.resolve("winningtickets.sqlite3"), Clock.systemUTC())) {
      List<StoredTicket> all = new ArrayList<>();
      for (RedemptionState state : RedemptionState.values()) {
        all.addAll(store.inState(state));
      }
      return all.stream().filter(which).toList();
    }
  }

  /** The TicketBroker's WinningTicketRedeemed events for {@code recipient}, read from anvil. */
  static long redeemedEvents(KitChain chain, String recipient) throws Exception {
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, chain.contract("TicketBroker"));
    filter.addSingleTopic(EventEncoder.encode(TicketBroker.WINNINGTICKETREDEEMED_EVENT));
    filter.addNullTopic();
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(recipient), 64));
    return chain.web3j().ethGetLogs(filter).send().getLogs().size();
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void waitFor(Condition condition, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
