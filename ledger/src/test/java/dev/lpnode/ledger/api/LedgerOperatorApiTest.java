package dev.lpnode.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.ledger.testing.TestClock;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator API on a real Vert.x server over a real embedded network in a temporary directory. */
class LedgerOperatorApiTest {
  static final EthAddress NODE = EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final EthAddress GATEWAY = EthAddress.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  static final BigInteger LPT = BigInteger.TEN.pow(18);

  @TempDir
  Path dir;

  private final TestClock clock = new TestClock();
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private EmbeddedNetwork network;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    NetworkParameters params = NetworkParameters.defaults()
        .with(NetworkParameter.ROUND_LENGTH, 10)
        .with(NetworkParameter.BLOCK_TIME, 1000)
        .with(NetworkParameter.UNBONDING_PERIOD, 2)
        .with(NetworkParameter.VOTING_PERIOD, 2);
    network = EmbeddedNetwork.open(dir, new EmbeddedNetwork.Settings(params, NODE,
        EmbeddedNetwork.Genesis.orchestrator(LPT.multiply(BigInteger.valueOf(1000)), 100_000, 500_000), true,
        BigInteger.valueOf(10_000_000), EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET), clock, new LedgerMetrics(new SimpleMeterRegistry()));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    new LedgerOperatorApi(vertx, network).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    network.close();
  }

  private record Answer(int status, JsonObject body) {}

  private Answer get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private Answer post(String path, String json) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Answer postForm(String path, String form) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  private Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    return new Answer(response.statusCode(), new JsonObject(response.body()));
  }

  private void nextRound() {
    clock.advance(Duration.ofSeconds(10));
  }

  @Test
  void stateChangesAnswerPostOnlySoALinkOrAnImageCannotMakeThem() throws Exception {
    JsonObject before = get("/ledgerStatus").body();
    for (String path : List.of("/unbond?amount=1", "/bond?amount=1&toAddr=" + NODE.toHex(), "/rebond?unbondingLockId=0",
        "/withdrawStake?unbondingLockId=0", "/withdrawFees?amount=1", "/claimEarnings", "/reward", "/initializeRound",
        "/fundDepositAndReserve?deposit=1&reserve=1", "/propose?changes=workAlpha=0", "/vote?proposalId=0&support=for",
        "/execute?proposalId=0", "/unlock", "/withdraw")) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(405);
    }
    assertThat(get("/ledgerStatus").body()).isEqualTo(before);
  }

  @Test
  void readsTheRoundTheParametersAndTheOrchestrators() throws Exception {
    Answer round = get("/currentRound");
    assertThat(round.status()).isEqualTo(200);
    assertThat(round.body().getLong("round")).isEqualTo(1);
    assertThat(round.body().getBoolean("initialized")).isTrue();

    JsonObject params = get("/protocolParameters").body();
    assertThat(params.getJsonObject("parameters").getString("roundLength")).isEqualTo("10");
    assertThat(params.getJsonObject("issuance").getString("totalBonded")).isEqualTo(LPT.multiply(BigInteger.valueOf(1000)).toString());

    JsonObject orchestrators = get("/registeredOrchestrators").body();
    assertThat(orchestrators.getJsonArray("orchestrators")).hasSize(1);
    assertThat(orchestrators.getJsonArray("orchestrators").getJsonObject(0).getString("address")).isEqualTo(NODE.toChecksumHex());
    assertThat(orchestrators.getJsonArray("orchestrators").getJsonObject(0).getBoolean("active")).isTrue();

    JsonObject weights = get("/routingWeights").body();
    assertThat(weights.getJsonArray("weights").getJsonObject(0).getDouble("weight")).isEqualTo(1.0);

    JsonObject status = get("/ledgerStatus").body();
    assertThat(status.getString("account")).isEqualTo(NODE.toChecksumHex());
    assertThat(status.getJsonObject("transcoder").getLong("rewardCut")).isEqualTo(100_000);
    assertThat(status.getJsonObject("delegator").getString("status")).isEqualTo("bonded");
    // 1000 LPT bonded: tier 2 of the default tier stakes (100, 1000, 10000 LPT); priority admission is off by default.
    assertThat(status.getJsonObject("stakeTier")).isEqualTo(new JsonObject().put("tier", 2)
        .put("stake", LPT.multiply(BigInteger.valueOf(1000)).toString()).put("priorityAdmission", false).put("maxRenditions", 10));
  }

  @Test
  void bondsUnbondsRebondsAndWithdraws() throws Exception {
    network.ledger().mintLpt(NODE, LPT.multiply(BigInteger.TEN));
    Answer bonded = post("/bond", "{\"amount\":\"10e18\",\"toAddr\":\"" + NODE.toHex() + "\"}");
    assertThat(bonded.status()).isEqualTo(200);
    assertThat(bonded.body().getJsonObject("delegator").getString("bondedAmount")).isEqualTo(LPT.multiply(BigInteger.valueOf(1010)).toString());

    Answer unbonded = postForm("/unbond", "amount=" + LPT);
    assertThat(unbonded.status()).isEqualTo(200);
    long lock = unbonded.body().getLong("unbondingLockId");
    Answer early = postForm("/withdrawStake", "unbondingLockId=" + lock);
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.body().getString("error")).isEqualTo("withdraw round must be before or equal to the current round");

    assertThat(post("/rebond", "{\"unbondingLockId\":" + lock + "}").status()).isEqualTo(200);
    long second = post("/unbond", "{\"amount\":\"" + LPT + "\"}").body().getLong("unbondingLockId");
    nextRound();
    nextRound();
    Answer withdrawn = post("/withdrawStake", "{\"unbondingLockId\":" + second + "}");
    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.body().getString("withdrawn")).isEqualTo(LPT.toString());
    assertThat(network.ledger().lptBalance(NODE)).isEqualTo(LPT);
    assertThat(network.ledger().audit()).isEmpty();
  }

  @Test
  void rewardOncePerRoundAndClaim() throws Exception {
    Answer reward = post("/reward", "");
    assertThat(reward.status()).isEqualTo(200);
    assertThat(reward.body().getLong("round")).isEqualTo(1);
    Answer again = post("/reward", "{}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().getString("error")).isEqualTo("caller has already called reward for the current round");
    assertThat(post("/claimEarnings", "").status()).isEqualTo(200);
    assertThat(post("/initializeRound", "").body().getBoolean("initializedNow")).isFalse();
    nextRound();
    assertThat(post("/initializeRound", "").body().getBoolean("initializedNow")).isTrue();
  }

  @Test
  void fundsAGatewayAndReportsItsFunds() throws Exception {
    Answer funded = post("/fundDepositAndReserve",
        "{\"sender\":\"" + GATEWAY.toHex() + "\",\"deposit\":\"1000000000000000000\",\"reserve\":\"2e18\"}");
    assertThat(funded.status()).isEqualTo(200);
    assertThat(funded.body().getString("deposit")).isEqualTo(LPT.toString());
    assertThat(funded.body().getJsonObject("reserve").getString("fundsRemaining")).isEqualTo(LPT.multiply(BigInteger.TWO).toString());

    // go-livepeer's field names, as a form, add to it.
    assertThat(postForm("/fundDepositAndReserve", "sender=" + GATEWAY.toHex() + "&depositAmount=1&reserveAmount=0").status()).isEqualTo(200);
    JsonObject info = get("/senderInfo?sender=" + GATEWAY.toHex()).body();
    assertThat(info.getString("sender")).isEqualTo(GATEWAY.toChecksumHex());
    assertThat(info.getString("deposit")).isEqualTo(LPT.add(BigInteger.ONE).toString());
    assertThat(get("/senderInfo").body().getString("deposit")).isEqualTo("0");
  }

  @Test
  void theNodesAccountUnlocksItsOwnFundsAndCannotWithdrawThemBeforeTheUnlockPeriod() throws Exception {
    assertThat(post("/unlock", "{}")).isEqualTo(new Answer(400, new JsonObject().put("error", "sender deposit and reserve are zero")));
    assertThat(post("/fundDepositAndReserve", "{\"deposit\":\"5\",\"reserve\":\"7\"}").status()).isEqualTo(200);
    Answer unlocking = post("/unlock", "{}");
    assertThat(unlocking.status()).isEqualTo(200);
    assertThat(unlocking.body().getString("sender")).isEqualTo(NODE.toChecksumHex());
    assertThat(unlocking.body().getLong("withdrawRound")).isGreaterThan(get("/currentRound").body().getLong("round"));
    assertThat(post("/withdraw", "{}")).isEqualTo(new Answer(400, new JsonObject().put("error", "account is locked")));
    assertThat(get("/senderInfo").body().getString("deposit")).isEqualTo("5");
  }

  @Test
  void badRequestsAreRefusedWithAReason() throws Exception {
    assertThat(post("/bond", "{\"toAddr\":\"" + NODE.toHex() + "\"}")).isEqualTo(new Answer(400, new JsonObject().put("error", "missing amount")));
    assertThat(post("/bond", "{\"amount\":\"1.5\",\"toAddr\":\"" + NODE.toHex() + "\"}").body().getString("error"))
        .isEqualTo("invalid amount: expected a whole, non-negative amount of wei, got 1.5");
    assertThat(post("/bond", "{\"amount\":\"1\",\"toAddr\":\"0x1234\"}").body().getString("error"))
        .isEqualTo("invalid toAddr: expected a 0x-prefixed 20-byte address, got 0x1234");
    assertThat(post("/bond", "{\"amount\":").body().getString("error")).startsWith("invalid JSON body");
    assertThat(post("/bond", "{\"amount\":\"1\",\"toAddr\":\"" + NODE.toHex() + "\"}").body().getString("error"))
        .isEqualTo("ERC20: transfer amount exceeds balance");
    assertThat(post("/vote", "{\"proposalId\":1,\"support\":\"maybe\"}").body().getString("error"))
        .isEqualTo("invalid support: expected for, against or abstain, got maybe");
    assertThat(post("/propose", "{\"changes\":{\"roundLength\":5}}").body().getString("error"))
        .isEqualTo("roundLength is not a governed parameter");
    assertThat(post("/fundDepositAndReserve", "{\"deposit\":\"-1\",\"reserve\":\"0\"}").status()).isEqualTo(400);
  }

  @Test
  void aProposalPassedByVoteChangesAlphaFromTheNextRound() throws Exception {
    Answer proposed = post("/propose", "{\"changes\":{\"workAlpha\":0},\"description\":\"stake-only issuance\"}");
    assertThat(proposed.status()).isEqualTo(200);
    long id = proposed.body().getLong("id");
    assertThat(proposed.body().getString("state")).isEqualTo("pending");

    nextRound();
    nextRound();
    Answer vote = post("/vote", "{\"proposalId\":" + id + ",\"support\":\"for\"}");
    assertThat(vote.status()).isEqualTo(200);
    assertThat(new BigInteger(vote.body().getString("weight"))).isPositive();
    nextRound();
    nextRound();
    Answer executed = post("/execute", "{\"proposalId\":" + id + "}");
    assertThat(executed.status()).isEqualTo(200);
    assertThat(executed.body().getString("state")).isEqualTo("executed");
    assertThat(get("/protocolParameters").body().getJsonArray("pendingChanges")).hasSize(1);
    nextRound();
    assertThat(post("/initializeRound", "").status()).isEqualTo(200);
    assertThat(get("/protocolParameters").body().getJsonObject("parameters").getString("workAlpha")).isEqualTo("0");
    assertThat(get("/proposals").body().getJsonArray("proposals")).hasSize(1);
  }
}
