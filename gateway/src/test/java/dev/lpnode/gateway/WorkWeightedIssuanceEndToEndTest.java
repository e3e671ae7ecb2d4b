package dev.lpnode.gateway;

import static dev.lpnode.orchestrator.testing.OrchestratorHarness.GATEWAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.client.GatewayCredentials;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.OrchestratorSession;
import dev.lpnode.gateway.selection.ProbabilitySelection;
import dev.lpnode.gateway.selection.RoutingWeightStakes;
import dev.lpnode.gateway.selection.SelectionWeights;
import dev.lpnode.gateway.selection.SessionPool;
import dev.lpnode.gateway.selection.StakeWeights;
import dev.lpnode.gateway.selection.Suspender;
import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.gateway.support.RunningGateway;
import dev.lpnode.gateway.transcode.JobCapabilities;
import dev.lpnode.gateway.transcode.TranscodeSettings;
import dev.lpnode.gateway.transcode.TranscodingProcessor;
import dev.lpnode.ledger.IssuanceInfo;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.ProposalInfo;
import dev.lpnode.ledger.ProposalState;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.ledger.WorkTotals;
import dev.lpnode.ledger.embedded.EmbeddedLedger;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.orchestrator.pay.TicketPayments;
import dev.lpnode.orchestrator.testing.MutableClock;
import dev.lpnode.orchestrator.testing.OrchestratorHarness;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.Pricing;
import dev.lpnode.payments.recipient.PricingConfig;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.wire.net.OrchestratorInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuance and routing follow verified work, end to end: two real orchestrators with equal stake
 * on one embedded network, paid with real tickets by real gateways for really transcoded segments.
 * Orchestrator A does twice B's verified work every round; with α = 0.5 they mint exactly what the
 * formula {@code (s/S)^(1−α)·(v/V)^α} gives under Livepeer's integer rounding (√2 : 1 in the first
 * round), A's stake and routing weight grow, and the gateway's selection starts proportionally more
 * streams on A. Then a governance vote sets α = 0 and the next round's rewards split by stake alone.
 *
 * <p>The test's clock drives the ledger's rounds and the test calls {@code reward()} for both
 * orchestrators (the network's keeper, which would call it for its own account only, is not run).
 */
class WorkWeightedIssuanceEndToEndTest {
  private static final SigningKey A_KEY = OrchestratorHarness.NODE_KEY;
  private static final SigningKey B_KEY = SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  private static final EthAddress A = A_KEY.address();
  private static final EthAddress B = B_KEY.address();
  private static final BigInteger LPT = BigInteger.TEN.pow(18);
  private static final BigInteger ETH = BigInteger.TEN.pow(18);
  private static final BigInteger STAKE = LPT.multiply(BigInteger.valueOf(1000));
  private static final BigInteger PPB = BigInteger.TEN.pow(9);
  private static final BigInteger PRECISE = BigInteger.TEN.pow(27);
  private static final long ROUND_LENGTH = 10;
  private static final Duration BLOCK_TIME = Duration.ofSeconds(1);
  /** 100% per round, held constant (no controller steps), so stakes visibly diverge within a few rounds. */
  private static final BigInteger INFLATION = PPB;
  private static final BigInteger TREASURY_CUT = NetworkParameter.TREASURY_REWARD_CUT_RATE.defaultValue();
  private static final long HALF = 500_000;
  /**
   * Short rounds on the test's clock; governance votes one round after the proposal, for one round;
   * the routing weight's performance score looks at the current round only, so in a round without
   * work yet the weights are exactly the stake shares (no dependence on measured transcode times).
   */
  private static final NetworkParameters PARAMS = NetworkParameters.defaults()
      .with(NetworkParameter.ROUND_LENGTH, ROUND_LENGTH)
      .with(NetworkParameter.BLOCK_TIME, BLOCK_TIME.toMillis())
      .with(NetworkParameter.INFLATION, INFLATION)
      .with(NetworkParameter.INFLATION_CHANGE, 0)
      .with(NetworkParameter.WORK_ALPHA, HALF)
      .with(NetworkParameter.VOTING_DELAY, 1)
      .with(NetworkParameter.VOTING_PERIOD, 1)
      .with(NetworkParameter.ROUTING_WINDOW, 1);
  private static final String LADDER = "P144p30fps16x9";
  private static final long PRICE_PER_PIXEL = 100;
  private static final long SEGMENT_MS = 1770;
  /** B joins in round 1 and is active (so may be paid) from round 2: the first work is done then, the first reward paid after. */
  private static final long FIRST_WORK = 2;
  /** The rounds α = 0 is proposed, fixes its voting power (at its end), is voted on, executed, and in force. */
  private static final long PROPOSE = 4;
  private static final long SNAPSHOT = 5;
  private static final long VOTE = 6;
  private static final long EXECUTE = 7;
  private static final long STAKE_ONLY = 8;

  @TempDir Path dir;
  /** Drives the ledger's blocks only; orchestrators and gateways keep real time. */
  private final MutableClock chainClock = new MutableClock();
  private EmbeddedNetwork network;
  private EmbeddedLedger ledger;
  private NetworkOrchestrator orchestratorA;
  private NetworkOrchestrator orchestratorB;
  private RunningGateway gatewayA;
  private RunningGateway gatewayB;
  private byte[] segment;

  @BeforeEach
  void start() throws Exception {
    // A's node owns the network (its genesis stake is active from round 1); B joins it in round 1.
    network = EmbeddedNetwork.open(dir.resolve("network"), new EmbeddedNetwork.Settings(PARAMS, A,
        EmbeddedNetwork.Genesis.orchestrator(STAKE, 100_000, 500_000), false, BigInteger.valueOf(10_000_000),
        EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET), chainClock, new LedgerMetrics(new SimpleMeterRegistry()));
    ledger = network.ledger();
    ledger.mintLpt(B, STAKE);
    ledger.bond(B, STAKE, B);
    ledger.registerTranscoder(B, 100_000, 500_000);
    network.fundDepositAndReserve(GATEWAY_KEY.address(), ETH, ETH);

    orchestratorA = new NetworkOrchestrator(dir.resolve("a"), A_KEY, network);
    orchestratorB = new NetworkOrchestrator(dir.resolve("b"), B_KEY, network);
    // Broadcasters pinned to one orchestrator each (-orchAddr), so the work split is the test's choice.
    Sender sender = new Sender(GATEWAY_KEY, network.chain(), SenderConfig.defaults());
    gatewayA = pinnedGateway(orchestratorA, sender);
    gatewayB = pinnedGateway(orchestratorB, sender);
    segment = Files.readAllBytes(MediaTools.testdata("transmux.ts"));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {gatewayA, gatewayB, orchestratorA, orchestratorB, network}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static RunningGateway pinnedGateway(NetworkOrchestrator orchestrator, Sender sender) throws Exception {
    TranscodeSettings settings = new TranscodeSettings(3, true, SelectionWeights.DEFAULT, StakeWeights.EQUAL, "");
    return new RunningGateway(vertx -> new TranscodingProcessor(vertx, GATEWAY_KEY, OrchestratorSource.of(List.of(orchestrator.uri)),
        SegmentPayments.withTickets(sender, null), Set.of(), 5_000, settings, new GatewayMetrics(new SimpleMeterRegistry())),
        o -> o.ladder(LadderParser.parsePresets(LADDER)));
  }

  @Test
  void rewardsAndRoutingFollowVerifiedWorkUntilGovernanceSetsAlphaToZero() throws Exception {
    RoutingWeightStakes routing = new RoutingWeightStakes(ledger::routingWeights);
    List<Double> stakeSharesOfA = new ArrayList<>();
    long proposal = 0;
    nextRound(FIRST_WORK);
    doWork(FIRST_WORK);
    // The supply so far: the stakes, and what the rounds without work yet sent to the treasury.
    Issuance expected = new Issuance(ledger.issuance().totalSupply(), Map.of(A, STAKE, B, STAKE));
    for (long round = FIRST_WORK + 1; round <= STAKE_ONLY; round++) {
      nextRound(round);
      long alpha = round < STAKE_ONLY ? HALF : 0;
      Map<EthAddress, BigInteger> work = Map.of(A, pixels(A, round - 1), B, pixels(B, round - 1));
      assertThat(work.get(A)).as("round %d: A did twice B's verified work", round - 1).isEqualTo(work.get(B).shiftLeft(1));
      Map<EthAddress, BigInteger> stakes = expected.stakes();

      IssuanceInfo issuance = ledger.issuance();
      assertThat(issuance.workAlpha()).isEqualTo(alpha);
      assertThat(issuance.totalActiveStake()).isEqualTo(expected.totalStake());
      assertThat(issuance.totalWork()).isEqualTo(work.get(A).add(work.get(B)));
      assertThat(issuance.mintableTokens()).isEqualTo(expected.mintable());
      assertThat(ledger.transcoder(A).totalStake()).isEqualTo(stakes.get(A));
      assertThat(ledger.transcoder(B).totalStake()).isEqualTo(stakes.get(B));

      Map<EthAddress, RewardResult> due = expected.round(work, alpha);
      RewardResult rewardA = ledger.reward(A);
      RewardResult rewardB = ledger.reward(B);
      assertThat(rewardA).as("round %d: A's reward", round).isEqualTo(due.get(A));
      assertThat(rewardB).as("round %d: B's reward", round).isEqualTo(due.get(B));
      if (alpha > 0) {
        assertThat(ledger.issuance().mintedTokens()).as("round %d: rewards + the treasury's unearned share", round)
            .isEqualTo(issuance.mintableTokens());
      }
      if (round == FIRST_WORK + 1) {
        // Equal stake, work 2:1: floor(1e9·√(½·⅔)) and floor(1e9·√(½·⅓)), in the ratio √2.
        assertThat(rewardA.sharePoints()).isEqualTo(577_350_269);
        assertThat(rewardB.sharePoints()).isEqualTo(408_248_290);
        assertThat(ratio(rewardA.minted(), rewardB.minted())).isCloseTo(Math.sqrt(2), within(1e-8));
      } else if (round == STAKE_ONLY) {
        // A still did twice the work, but only stake counts now.
        assertThat(ratio(rewardA.minted(), rewardB.minted())).isCloseTo(ratio(stakes.get(A), stakes.get(B)), within(1e-8));
      }

      proposal = governance(round, proposal, stakes);
      if (round < STAKE_ONLY) {
        doWork(round);
        routing.refresh();
        stakeSharesOfA.add(assertRoutingWeights(routing, stakes));
      } else {
        assertGatewayStartsMoreStreamsOnA(routing, stakes);
      }
    }
    assertThat(stakeSharesOfA).as("A's stake share, hence its routing weight, grows every round").isSorted().doesNotHaveDuplicates();
    assertThat(ledger.audit()).isEmpty();
  }

  /**
   * α = 0 is proposed by B, both orchestrators vote for it (enough for quorum and quota), it is
   * executed, and takes effect when the next round begins. Voting power is the stake at the end of
   * the snapshot round (Livepeer's BondingVotes), which is the stake of the voting round.
   */
  private long governance(long round, long proposal, Map<EthAddress, BigInteger> stakes) {
    if (round == PROPOSE) {
      long id = ledger.propose(B, List.of(ParameterChange.of(NetworkParameter.WORK_ALPHA, 0)), "issuance by stake only");
      ProposalInfo made = ledger.proposal(id);
      assertThat(made.state()).isEqualTo(ProposalState.PENDING);
      assertThat(made.snapshotRound()).isEqualTo(SNAPSHOT);
      assertThat(made.deadlineRound()).isEqualTo(VOTE);
      return id;
    }
    if (round == VOTE) {
      assertThat(ledger.castVote(A, proposal, VoteType.FOR)).isEqualTo(stakes.get(A));
      assertThat(ledger.castVote(B, proposal, VoteType.FOR)).isEqualTo(stakes.get(B));
      assertThat(ledger.proposal(proposal).state()).isEqualTo(ProposalState.ACTIVE);
    } else if (round == EXECUTE) {
      ProposalInfo passed = ledger.proposal(proposal);
      assertThat(passed.state()).isEqualTo(ProposalState.SUCCEEDED);
      assertThat(passed.forVotes()).isGreaterThanOrEqualTo(passed.quorum()).isPositive();
      ledger.execute(proposal);
      assertThat(ledger.parameters().workAlpha()).as("in force from the next round").isEqualTo(HALF);
      assertThat(ledger.pendingParameterChanges()).containsExactly(ParameterChange.of(NetworkParameter.WORK_ALPHA, 0));
    }
    return proposal;
  }

  /**
   * The ledger's routing weights, as the gateway reads them: the share of this round's stakes
   * times the measured performance, normalized. Returns A's stake share.
   */
  private double assertRoutingWeights(RoutingWeightStakes routing, Map<EthAddress, BigInteger> stakes) {
    Map<EthAddress, RoutingWeight> weights = new LinkedHashMap<>();
    ledger.routingWeights().forEach(w -> weights.put(w.orchestrator(), w));
    assertThat(weights).containsOnlyKeys(A, B);
    RoutingWeight a = weights.get(A);
    RoutingWeight b = weights.get(B);
    assertThat(a.stakeShare()).isCloseTo(ratio(stakes.get(A), stakes.get(A).add(stakes.get(B))), within(1e-12));
    assertThat(a.successRate()).isEqualTo(1.0);
    assertThat(b.successRate()).isEqualTo(1.0);
    assertThat(a.weight() / b.weight()).isCloseTo(a.stakeShare() * a.performanceScore() / (b.stakeShare() * b.performanceScore()),
        within(1e-9));
    assertThat(routing.weight(A)).isEqualTo(a.weight());
    assertThat(routing.weight(B)).isEqualTo(b.weight());
    return a.stakeShare();
  }

  /**
   * go-livepeer's selection, as the gateway runs it for each new stream (a session pool, the
   * latency selector, probability selection with the default 0.7 stake / 0.3 random mix) over the
   * two orchestrators' real GetOrchestrator answers, weighted by the ledger's routing weights: in
   * this round, before any work, exactly the stake shares that work-weighted issuance built up. A
   * stream starts on A with probability p = 0.7·w_A + 0.3/2. Over 20,000 streams the observed share
   * has a standard deviation below 0.0036, so the 0.02 tolerance is more than 5σ: the fixed seed
   * makes it reproducible, the tolerance shows the seed was not picked to pass.
   */
  private void assertGatewayStartsMoreStreamsOnA(RoutingWeightStakes routing, Map<EthAddress, BigInteger> stakes)
      throws Exception {
    routing.refresh();
    double weightA = routing.weight(A);
    assertThat(weightA).isCloseTo(ratio(stakes.get(A), stakes.get(A).add(stakes.get(B))), within(1e-12));
    assertThat(weightA + routing.weight(B)).isCloseTo(1.0, within(1e-12));
    assertThat(weightA).as("A's routing weight").isGreaterThan(0.6);
    List<OrchestratorInfo> answers = getOrchestrator(List.of(orchestratorB.uri, orchestratorA.uri));
    Random random = new Random(6);
    int streams = 20_000;
    int onA = 0;
    for (int i = 0; i < streams; i++) {
      SessionPool pool = new SessionPool(2, 2, new Suspender(), routing, new ProbabilitySelection(SelectionWeights.DEFAULT),
          random::nextDouble, System::nanoTime, () -> { });
      pool.add(answers.stream().map(info -> new OrchestratorSession(info, null)).toList());
      onA += A.equals(pool.select(TimeUnit.MILLISECONDS.toNanos(SEGMENT_MS)).orElseThrow().identity()) ? 1 : 0;
    }
    double share = onA / (double) streams;
    assertThat(share).isGreaterThan(0.5).isCloseTo(0.7 * weightA + 0.3 / 2, within(0.02));
  }

  /** What the orchestrators answer a gateway's discovery: their ticket recipient is their ledger account. */
  private List<OrchestratorInfo> getOrchestrator(List<String> uris) throws Exception {
    List<VideoProfile> profiles = LadderParser.parsePresets(LADDER);
    GatewayCredentials credentials = new GatewayCredentials(GATEWAY_KEY);
    try (OrchestratorClient client = new OrchestratorClient(gatewayA.vertx)) {
      List<OrchestratorInfo> infos = new ArrayList<>();
      for (String uri : uris) {
        infos.add(await(client.getOrchestrator(uri, credentials.orchestratorRequest(JobCapabilities.of(profiles, "h264", "")),
            5_000)));
      }
      return infos;
    }
  }

  /** The ledger's clock moves one round; the first write would initialize it, the test does so explicitly. */
  private void nextRound(long round) {
    chainClock.advance(BLOCK_TIME.multipliedBy(ROUND_LENGTH));
    ledger.initializeRoundIfNeeded();
    assertThat(ledger.round().round()).isEqualTo(round);
  }

  /** One new stream per orchestrator: two segments to A, one to B, each paid, transcoded, verified and recorded. */
  private void doWork(long round) throws Exception {
    push(gatewayA, "a" + round, 2);
    push(gatewayB, "b" + round, 1);
    assertThat(ledger.workTotals(A, round).verifiedSegments()).isEqualTo(2);
    assertThat(ledger.workTotals(B, round).verifiedSegments()).isEqualTo(1);
  }

  private void push(RunningGateway gateway, String stream, int segments) throws Exception {
    for (int seq = 0; seq < segments; seq++) {
      HttpResponse<byte[]> res = gateway.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl("/live/" + stream + "/" + seq + ".ts")))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(segment)).header("Content-Duration", Long.toString(SEGMENT_MS)));
      assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }
  }

  private BigInteger pixels(EthAddress orchestrator, long round) {
    WorkTotals work = ledger.workTotals(orchestrator, round);
    assertThat(work.pixels()).isPositive();
    return work.pixels();
  }

  private static double ratio(BigInteger a, BigInteger b) {
    return new BigDecimal(a).divide(new BigDecimal(b), MathContext.DECIMAL128).doubleValue();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * Issuance recomputed independently of the ledger's rules, with BigInteger only: the round's
   * mintable tokens are Livepeer's {@code supply · inflation / 1e9}; an orchestrator's share in ppb
   * is {@code floor(1e9 · (s/S)^(1−α) · (v/V)^α)}, which for α = ½ is {@code isqrt(⌊1e18·s·v / (S·V)⌋)}
   * (exact, since for an integer k, k ≤ √x ⇔ k² ≤ ⌊x⌋) and for α = 0 Livepeer's {@code percPoints(s, S)};
   * it mints {@code mintable · share / 1e9}, of which the treasury takes {@code minted · cut / 1e27}
   * and the rest compounds into the orchestrator's stake for the next round.
   */
  private static final class Issuance {
    private BigInteger supply;
    private final Map<EthAddress, BigInteger> stakes;

    Issuance(BigInteger supply, Map<EthAddress, BigInteger> stakes) {
      this.supply = supply;
      this.stakes = new LinkedHashMap<>(stakes);
    }

    Map<EthAddress, BigInteger> stakes() {
      return Map.copyOf(stakes);
    }

    BigInteger totalStake() {
      return stakes.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    BigInteger mintable() {
      return supply.multiply(INFLATION).divide(PPB);
    }

    /**
     * What every orchestrator's {@code reward()} mints this round; the stakes and supply move on to
     * the next. With α &gt; 0 the rest of the mintable tokens went to the treasury at the round's start.
     */
    Map<EthAddress, RewardResult> round(Map<EthAddress, BigInteger> work, long alphaPpm) {
      BigInteger totalStake = totalStake();
      BigInteger totalWork = work.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
      BigInteger mintable = mintable();
      Map<EthAddress, RewardResult> due = new LinkedHashMap<>();
      for (EthAddress o : stakes.keySet()) {
        BigInteger s = stakes.get(o);
        BigInteger share;
        if (alphaPpm == 0) {
          share = s.multiply(PPB).divide(totalStake);
        } else if (alphaPpm == HALF) {
          share = PPB.pow(2).multiply(s).multiply(work.get(o)).divide(totalStake.multiply(totalWork)).sqrt();
        } else {
          throw new IllegalArgumentException("the reference knows α = 0 and α = ½ only");
        }
        BigInteger minted = mintable.multiply(share).divide(PPB);
        BigInteger treasury = minted.multiply(TREASURY_CUT).divide(PRECISE);
        due.put(o, new RewardResult(share, minted, treasury, minted.subtract(treasury)));
      }
      BigInteger minted = due.values().stream().map(RewardResult::minted).reduce(BigInteger.ZERO, BigInteger::add);
      supply = supply.add(alphaPpm == 0 ? minted : mintable);
      due.forEach((o, r) -> stakes.merge(o, r.rewards(), BigInteger::add));
      return due;
    }
  }

  /**
   * A real orchestrator on a free loopback port, on the shared embedded network: it prices and
   * accepts tickets on the network's chain and records every verified segment in its ledger.
   */
  private static final class NetworkOrchestrator implements AutoCloseable {
    final String uri;
    private final Vertx vertx = Vertx.vertx();
    private final WinningTicketStore tickets;
    private final OrchestratorNode node;

    NetworkOrchestrator(Path dir, SigningKey key, EmbeddedNetwork network) throws Exception {
      Files.createDirectories(dir);
      Clock clock = Clock.systemUTC();
      Balances balances = new Balances(clock);
      tickets = WinningTicketStore.open(dir.resolve("winningtickets.sqlite3"), clock);
      Recipient recipient = Recipient.withRandomSecret(RecipientConfig.arbitrumDefaults(key.address()), network.chain(),
          new SenderMonitor(key.address(), network.chain()), balances, tickets);
      Pricing pricing = new Pricing(new PricingConfig(PricingConfig.pricePerPixel(PRICE_PER_PIXEL, 1), Map.of(), false),
          recipient, balances);
      int port = freePort();
      uri = "https://127.0.0.1:" + port;
      node = new OrchestratorNode(vertx, new OrchestratorNode.Settings(uri, "127.0.0.1", port, dir, 8, true), key,
          new InProcessTranscoder(EngineSettings.software(), 2),
          new TicketPayments(recipient, pricing, balances, BigInteger.valueOf(PRICE_PER_PIXEL), 1),
          network.ledger()::recordSegment, new SimpleMeterRegistry(), clock);
      await(node.start());
    }

    @Override
    public void close() throws Exception {
      try {
        await(node.stop(Duration.ofSeconds(5)));
        await(vertx.close());
      } finally {
        tickets.close();
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }
}
