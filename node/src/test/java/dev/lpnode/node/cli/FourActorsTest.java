package dev.lpnode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.PercMath;
import dev.lpnode.ledger.api.LedgerOperatorApi;
import dev.lpnode.ledger.api.SignedRequest;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.node.api.OperatorApiGuard;
import dev.lpnode.orchestrator.testing.MutableClock;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.WinProbability;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four actors on one embedded network, each acting only through {@code ./lpnode cli} with its own
 * key: the orchestrator (the node's own account), two delegators and a gateway. Every figure is
 * computed here from Livepeer's formulas (economics.md §1.5–1.8, §1.11) and asserted to the wei.
 */
class FourActorsTest {
  static final EthAddress NODE = EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final BigInteger LPT = BigInteger.TEN.pow(18);
  static final BigInteger ONE = BigInteger.TEN.pow(27);
  static final long ROUND_LENGTH = 100;
  static final BigInteger RAND = BigInteger.valueOf(987654321);

  @TempDir
  Path dir;

  MutableClock clock = new MutableClock();
  Vertx vertx;
  EmbeddedNetwork network;
  HttpServer server;
  CliActor d1;
  CliActor d2;
  CliActor gateway;


  @BeforeEach
  void start() throws Exception {
    NetworkParameters params = NetworkParameters.defaults()
        .with(NetworkParameter.ROUND_LENGTH, ROUND_LENGTH).with(NetworkParameter.BLOCK_TIME, 1000)
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, 0).with(NetworkParameter.TREASURY_BALANCE_CEILING, 0)
        .with(NetworkParameter.WORK_ALPHA, 0).with(NetworkParameter.INFLATION, 5_000_000).with(NetworkParameter.INFLATION_CHANGE, 0)
        .with(NetworkParameter.UNBONDING_PERIOD, 2).with(NetworkParameter.VOTING_PERIOD, 1)
        .with(NetworkParameter.FAUCET_REQUEST_AMOUNT, LPT.multiply(BigInteger.valueOf(1000)));
    network = EmbeddedNetwork.open(dir.resolve("node"), new EmbeddedNetwork.Settings(params, NODE,
        EmbeddedNetwork.Genesis.orchestrator(lpt(1000), 100_000, 500_000), false, BigInteger.valueOf(10_000_000),
        EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET), clock, new LedgerMetrics(new SimpleMeterRegistry()));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(new OperatorApiGuard(true, false, "node-token"));
    router.route().handler(BodyHandler.create());
    new LedgerOperatorApi(vertx, network).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    d1 = actor("d1");
    d2 = actor("d2");
    gateway = actor("gateway");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    network.close();
  }

  private CliActor actor(String name) throws Exception {
    return CliActor.create(dir, name);
  }


  /** {@code ./lpnode cli} as {@code actor} (null: the node's own account). */
  private CliActor.Run cli(CliActor actor, String... args) {
    // The test's own data directory, never ~/.lpData/embedded: a node run there keeps a token the API here would refuse.
    return CliActor.cli(List.of("-cliAddr", "127.0.0.1:" + server.actualPort(), "-dataDir", dir.toString()), actor, args);
  }

  private JsonObject ok(CliActor actor, String... args) {
    CliActor.Run run = cli(actor, args);
    assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run.json();
  }

  private JsonObject status(CliActor actor) {
    return ok(null, "status", "-account", actor == null ? NODE.toHex() : actor.address().toHex());
  }

  private static BigInteger big(JsonObject o, String... path) {
    for (int i = 0; i < path.length - 1; i++) {
      o = o.getJsonObject(path[i]);
    }
    return new BigInteger(o.getString(path[path.length - 1]));
  }

  private void nextRound() {
    clock.advance(Duration.ofSeconds(ROUND_LENGTH));
    ok(null, "initializeRound");
  }

  static BigInteger lpt(long n) {
    return LPT.multiply(BigInteger.valueOf(n));
  }

  @Test
  void delegateEarnVoteAndWithdrawEachWithItsOwnKey() throws Exception {
    // Round 1: the faucet gives each newcomer its amount once per wait.
    assertThat(big(ok(d1, "faucet"), "received")).isEqualTo(lpt(1000));
    assertThat(big(ok(d2, "faucet"), "received")).isEqualTo(lpt(1000));
    CliActor.Run again = cli(d1, "faucet");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).startsWith("lpnode cli: faucet: faucet: request too early: " + d1.address().toChecksumHex()
        + " may request again in 1 h").endsWith("(HTTP 400)\n");
    assertThat(big(status(d1), "lptBalance")).isEqualTo(lpt(1000));

    // The delegators bond to the orchestrator; the gateway funds its deposit and reserve.
    assertThat(ok(d1, "bond", "-amount", "600e18", "-to", NODE.toHex()).getJsonObject("delegator").getString("status"))
        .isEqualTo("pending");
    ok(d2, "bond", "-amount", "400e18", "-to", NODE.toHex());
    assertThat(big(ok(gateway, "fundDepositAndReserve", "-deposit", "1e18", "-reserve", "1e18"), "deposit")).isEqualTo(LPT);
    assertThat(big(status(d1), "lptBalance")).isEqualTo(lpt(400));

    // Round 2: mintable = supply · inflation / 1e9 (supply: genesis 1000 + faucet 2 × 1000 LPT).
    nextRound();
    BigInteger stake = lpt(2000);
    BigInteger mintable = PercMath.PPB.of(lpt(3000), 5_000_000);
    JsonObject reward = ok(null, "reward");
    assertThat(big(reward, "minted")).isEqualTo(mintable);
    BigInteger delegatorsRewards = mintable.subtract(PercMath.PPM.of(mintable, 100_000));
    BigInteger crf = ONE.add(PercMath.PRECISE.of(ONE, delegatorsRewards, stake));

    // Fees: a winning ticket the gateway signed, redeemed on the broker the orchestrator redeems on.
    BigInteger fees = LPT.divide(BigInteger.TEN);
    long round = network.chain().rounds().lastInitializedRound();
    Ticket ticket = new Ticket(NODE, gateway.address(), fees, WinProbability.CERTAIN, 1, WinProbability.recipientRandHash(RAND),
        new ExpirationParams(round, network.chain().rounds().blockHashForRound(round)));
    network.chain().broker().redeemWinningTicket(ticket, gateway.key().signPersonal(ticket.hash().toBytes()), RAND);
    // The previous round's factor is rebuilt as CRF·S/(S + R_del) (reward came first this round); CFF = CRF_prev·F_del/S.
    BigInteger crfPrev = PercMath.PRECISE.of(crf, stake, stake.add(delegatorsRewards));
    BigInteger cff = PercMath.PRECISE.of(crfPrev, PercMath.PPM.of(fees, 500_000), stake);

    BigInteger d1Stake = PercMath.PRECISE.of(lpt(600), crf, ONE);
    BigInteger d1Fees = PercMath.PRECISE.of(lpt(600), cff, ONE);
    JsonObject claimed = ok(d1, "claim").getJsonObject("delegator");
    assertThat(new BigInteger(claimed.getString("bondedAmount"))).isEqualTo(d1Stake);
    assertThat(new BigInteger(claimed.getString("fees"))).isEqualTo(d1Fees);

    // Governance: the orchestrator proposes and votes for; d1 overrides it with its own stake against.
    long proposal = ok(null, "propose", "-set", "faucetRequestAmount=1e18", "-description", "smaller faucet").getLong("id");
    nextRound();
    nextRound();
    BigInteger orchestratorVotes = stake.add(mintable);
    assertThat(big(ok(null, "vote", "-proposal", Long.toString(proposal), "-support", "for"), "weight")).isEqualTo(orchestratorVotes);
    assertThat(big(ok(d1, "vote", "-proposal", Long.toString(proposal), "-support", "against"), "weight")).isEqualTo(d1Stake);
    JsonObject tally = ok(null, "proposals").getJsonArray("proposals").getJsonObject(0);
    assertThat(big(tally, "forVotes")).isEqualTo(orchestratorVotes.subtract(d1Stake));
    assertThat(big(tally, "againstVotes")).isEqualTo(d1Stake);

    // d2 unbonds part of its (auto-claimed) stake, waits the unbonding period and withdraws it, and its fees.
    BigInteger d2Stake = PercMath.PRECISE.of(lpt(400), crf, ONE);
    BigInteger d2Fees = PercMath.PRECISE.of(lpt(400), cff, ONE);
    JsonObject unbonded = ok(d2, "unbond", "-amount", "100e18");
    assertThat(big(unbonded, "delegator", "bondedAmount")).isEqualTo(d2Stake.subtract(lpt(100)));
    assertThat(big(unbonded, "delegator", "fees")).isEqualTo(d2Fees);
    nextRound();
    assertThat(cli(d2, "withdrawStake", "-unbondingLockId", "0").err()).contains("withdraw round must be before or equal to the current round");
    nextRound();
    assertThat(big(ok(d2, "withdrawStake", "-unbondingLockId", "0"), "withdrawn")).isEqualTo(lpt(100));
    ok(d2, "withdrawFees", "-amount", d2Fees.toString());
    JsonObject d2Status = status(d2);
    assertThat(big(d2Status, "lptBalance")).isEqualTo(lpt(700));
    assertThat(big(d2Status, "ethBalance")).isEqualTo(d2Fees);

    // The orchestrator changes its rates (after this round's reward, outside the lock period).
    CliActor.Run early = cli(null, "transcoder", "-rewardCut", "200000", "-feeShare", "250000");
    assertThat(early.err()).contains("caller can't be active or must have already called reward for the current round");
    ok(null, "reward");
    JsonObject rates = ok(null, "transcoder", "-rewardCut", "200000", "-feeShare", "250000").getJsonObject("transcoder");
    assertThat(rates.getLong("rewardCut")).isEqualTo(200_000);
    assertThat(rates.getLong("feeShare")).isEqualTo(250_000);
    assertThat(network.ledger().audit()).isEmpty();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws Exception {
    ok(d1, "faucet");
    ok(d1, "bond", "-amount", "100e18", "-to", NODE.toHex());
    JsonObject before = status(d1);

    CliActor.Run wrongPassword = cli(null, "-ethKeystorePath", d1.keystore().toString(), "-ethPassword", "not-it", "bond", "-amount", "1",
        "-to", NODE.toHex());
    assertThat(wrongPassword.status()).isEqualTo(2);
    assertThat(wrongPassword.err()).contains("wrong password");
    CliActor.Run unknown = cli(d1, "-ethAcctAddr", "0x000000000000000000000000000000000000dEaD", "bond", "-amount", "1", "-to", NODE.toHex());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("no key for account 0x000000000000000000000000000000000000dEaD");
    assertThat(cli(d1, "bond", "-amount", "1e24", "-to", NODE.toHex()).err())
        .isEqualTo("lpnode cli: bond: ERC20: transfer amount exceeds balance (HTTP 400)\n");
    // A bond still pending (this round's) cannot move yet, as in Livepeer's unbond.
    assertThat(cli(d1, "transferBond", "-to", d2.address().toHex(), "-amount", "1e18").err()).contains("caller must be bonded");
    assertThat(cli(null, "transcoder", "-rewardCut", "1000001", "-feeShare", "0").err()).contains("invalid rewardCut percentage");
    assertThat(cli(null, "transcoder", "-rewardCut", "0", "-feeShare", "1000001").err()).contains("invalid feeShare percentage");
    assertThat(cli(null, "transcoder", "-rewardCut", "-1", "-feeShare", "0").status()).isEqualTo(2);

    // Signed requests sent by hand: replayed, stale, or signed by one key for another account.
    byte[] body = new JsonObject().put("amount", "1").put("toAddr", NODE.toHex()).encode().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = SignedRequest.headers(d1.key(), NODE, "POST", "/bond", body, System.currentTimeMillis());
    assertThat(post("/bond", body, headers).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = post("/bond", body, headers);
    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.body()).contains("replayed signed request");
    HttpResponse<String> stale = post("/bond", body,
        SignedRequest.headers(d1.key(), NODE, "POST", "/bond", body, System.currentTimeMillis() - Duration.ofMinutes(3).toMillis()));
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("stale signed request");
    Map<String, String> forged = new java.util.HashMap<>(SignedRequest.headers(d1.key(), NODE, "POST", "/bond", body, System.currentTimeMillis()));
    forged.put(SignedRequest.ACCOUNT, d2.address().toChecksumHex());
    HttpResponse<String> other = post("/bond", body, forged);
    assertThat(other.statusCode()).isEqualTo(401);
    assertThat(other.body()).contains("signature is not by " + d2.address().toChecksumHex());
    // Signed for another node: refused here.
    HttpResponse<String> elsewhere = post("/bond", body,
        SignedRequest.headers(d1.key(), d2.address(), "POST", "/bond", body, System.currentTimeMillis()));
    assertThat(elsewhere.statusCode()).isEqualTo(401);
    // A signed request is no way into the node's other state changes.
    byte[] tampered = new JsonObject().put("amount", "2").put("toAddr", NODE.toHex()).encode().getBytes(StandardCharsets.UTF_8);
    assertThat(post("/bond", tampered, SignedRequest.headers(d1.key(), NODE, "POST", "/bond", body, System.currentTimeMillis()))
        .statusCode()).isEqualTo(401);

    JsonObject after = status(d1);
    assertThat(big(after, "lptBalance")).isEqualTo(big(before, "lptBalance").subtract(BigInteger.ONE));
    assertThat(big(after, "delegator", "bondedAmount")).isEqualTo(big(before, "delegator", "bondedAmount").add(BigInteger.ONE));
    assertThat(status(d2).getJsonObject("delegator").getString("bondedAmount")).isEqualTo("0");
  }

  @Test
  void newAccountMakesAKeystoreANewcomerCanActWith() throws Exception {
    Path keystore = dir.resolve("newcomer");
    Path password = Files.writeString(dir.resolve("newcomer.password"), "newcomer secret");
    JsonObject created = ok(null, "newAccount", "-ethKeystorePath", keystore.toString(), "-ethPassword", password.toString());
    String address = created.getString("address");
    assertThat(Files.exists(Path.of(created.getString("keyFile")))).isTrue();
    JsonObject got = ok(null, "-ethKeystorePath", keystore.toString(), "-ethPassword", password.toString(), "faucet");
    assertThat(got.getString("account")).isEqualToIgnoringCase(address);
    assertThat(cli(null, "newAccount", "-ethKeystorePath", keystore.toString()).status()).isEqualTo(2);
  }

  private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
