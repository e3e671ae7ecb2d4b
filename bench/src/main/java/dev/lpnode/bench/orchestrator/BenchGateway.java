package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.OperatorApi;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.eth.EthNetwork;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.gateway.client.GatewayCredentials;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.transcode.JobCapabilities;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.embedded.EmbeddedNetworkConfig;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.wire.net.Capabilities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Keys;

/**
 * The gateway's side, as a separate gateway node runs it: its own key and its own embedded network
 * (whose block numbers agree with the orchestrator's, both read from the clock), where it funds its
 * deposit and reserve so that its payments {@link Sender} will sign tickets; its own Vert.x with
 * go-livepeer's discovery and segment calls ({@link OrchestratorClient}). The orchestrator's
 * operator funds the same address on the orchestrator's network, as on a shared chain.
 */
public final class BenchGateway implements AutoCloseable {
  /** Deposit and reserve, in wei: 1 ETH each, like a combined node's gateway on the embedded network. */
  static final BigInteger FUNDS = BigInteger.TEN.pow(18);

  private final Vertx vertx = Vertx.vertx();
  private final OrchestratorClient client = new OrchestratorClient(vertx);
  /** Where its Sender reads deposits, reserves and blocks: its own embedded network, or its view of a chain. */
  private final AutoCloseable network;
  private final GatewayCredentials credentials;
  private final SegmentPayments payments;
  private final String serviceUri;
  private final List<VideoProfile> ladder;
  private final Capabilities job;

  public BenchGateway(Path dataDir, String serviceUri, List<VideoProfile> ladder) throws GeneralSecurityException {
    this(SigningKey.of(Keys.createEcKeyPair()), dataDir, serviceUri, ladder);
  }

  private BenchGateway(SigningKey key, Path dataDir, String serviceUri, List<VideoProfile> ladder) {
    this(key, fundedEmbedded(key, dataDir, serviceUri), serviceUri, ladder, SenderConfig.defaults());
  }

  private BenchGateway(SigningKey key, EmbeddedNetwork network, String serviceUri, List<VideoProfile> ladder,
      SenderConfig sender) {
    this(key, network, network.chain(), serviceUri, ladder, sender);
  }

  private BenchGateway(SigningKey key, AutoCloseable network, Chain chain, String serviceUri, List<VideoProfile> ladder,
      SenderConfig sender) {
    this.network = network;
    this.credentials = new GatewayCredentials(key);
    this.payments = SegmentPayments.withTickets(new Sender(key, chain, sender), null);
    this.serviceUri = serviceUri;
    this.ladder = List.copyOf(ladder);
    this.job = JobCapabilities.of(ladder, "h264", "");
  }

  /**
   * A gateway paying as {@code account} of the kit's {@code chain} (whose deposit and reserve are
   * funded there), from its own view of the chain in {@code dataDir}; it accepts tickets of up to 10
   * times the orchestrator's {@code ticketEV}, 100 times in all per payment.
   */
  static BenchGateway onChain(KitChain chain, int account, Path dataDir, String serviceUri, List<VideoProfile> ladder,
      BigInteger ticketEV) throws IOException {
    EthNetwork view = chain.view(account, dataDir);
    try {
      view.start();
      return new BenchGateway(SigningKey.of(chain.account(account)), view, view.chain(), serviceUri, ladder,
          new SenderConfig(ticketEV.multiply(BigInteger.TEN), ticketEV.multiply(BigInteger.valueOf(100)), 1));
    } catch (RuntimeException e) {
      view.close();
      throw e;
    }
  }

  private static EmbeddedNetwork fundedEmbedded(SigningKey key, Path dataDir, String serviceUri) {
    NodeConfig config = ConfigLoader.load(new String[] {"-gateway", "-network", "embedded", "-dataDir", dataDir.toString(),
        "-orchAddr", serviceUri}, Map.of());
    EmbeddedNetwork network = EmbeddedNetwork.open(dataDir, EmbeddedNetworkConfig.settings(config, key.address()),
        Clock.systemUTC(), new LedgerMetrics(new SimpleMeterRegistry()));
    network.fundDepositAndReserve(key.address(), FUNDS, FUNDS);
    return network;
  }

  /**
   * The orchestrator's operator funds this gateway's deposit and reserve on its network (the
   * embedded network's faucet, {@code POST /fundDepositAndReserve}), so its tickets are backed there.
   */
  public void fundOnOrchestratorNetwork(int cliPort) throws IOException, InterruptedException {
    String body = String.format(Locale.ROOT, "{\"sender\":\"%s\",\"deposit\":\"%s\",\"reserve\":\"%s\"}", address(), FUNDS, FUNDS);
    HttpResponse<String> response = OperatorApi.call(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cliPort + "/fundDepositAndReserve"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    if (response.statusCode() != 200) {
      throw new IOException("funding the gateway failed: " + response.statusCode() + " " + response.body());
    }
  }

  EthAddress address() {
    return credentials.address();
  }

  OrchestratorClient client() {
    return client;
  }

  GatewayCredentials credentials() {
    return credentials;
  }

  SegmentPayments payments() {
    return payments;
  }

  String serviceUri() {
    return serviceUri;
  }

  List<VideoProfile> ladder() {
    return ladder;
  }

  /** What every segment's job requires: H.264 in, MPEG-TS H.264 out, the auth token. */
  Capabilities job() {
    return job;
  }

  @Override
  public void close() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    network.close();
  }
}
