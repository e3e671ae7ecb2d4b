package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.ledger.testing.TestClock;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.redemption.RedemptionQueue;
import dev.lpnode.payments.redemption.RedemptionState;
import dev.lpnode.payments.redemption.StoredTicket;
import dev.lpnode.payments.redemption.WinningTicket;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.WinProbability;
import dev.lpnode.wire.net.PriceInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedNetworkTest {
  static final SigningKey ORCHESTRATOR = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  static final SigningKey GATEWAY = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final BigInteger LPT = BigInteger.TEN.pow(18);
  static final BigInteger ETH = BigInteger.TEN.pow(18);
  /** 10-block rounds of 1 s blocks, α = 0 (so the first round's reward mints without prior work). */
  static final NetworkParameters PARAMS = NetworkParameters.defaults()
      .with(NetworkParameter.ROUND_LENGTH, 10)
      .with(NetworkParameter.BLOCK_TIME, 1000)
      .with(NetworkParameter.WORK_ALPHA, 0);
  static final BigInteger GAS_PRICE = BigInteger.valueOf(10_000_000);

  @TempDir
  Path dir;

  private final TestClock clock = new TestClock();
  private SimpleMeterRegistry registry;
  private LedgerMetrics metrics;
  private EmbeddedNetwork network;

  @BeforeEach
  void open() {
    network = open(true);
  }

  @AfterEach
  void close() {
    network.close();
  }

  private EmbeddedNetwork open(boolean reward) {
    registry = new SimpleMeterRegistry();
    metrics = new LedgerMetrics(registry);
    return EmbeddedNetwork.open(dir, settings(reward), clock, metrics);
  }

  static EmbeddedNetwork.Settings settings(boolean reward) {
    return new EmbeddedNetwork.Settings(PARAMS, ORCHESTRATOR.address(),
        EmbeddedNetwork.Genesis.orchestrator(LPT.multiply(BigInteger.valueOf(1000)), 100_000, 500_000), reward, GAS_PRICE,
        EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
  }

  private void reopen() {
    network.close();
    network = open(true);
  }

  private void nextRound() {
    clock.advance(Duration.ofSeconds(10));
    network.onBlock(network.chain().blocks().latestL1Block());
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  @Test
  void theNodeIsAnActiveOrchestratorFromTheFirstRoundAndCallsRewardOncePerRound() {
    EthAddress self = ORCHESTRATOR.address();
    assertThat(network.chain().rounds().currentRound()).isEqualTo(1);
    assertThat(network.chain().transcoders().isActiveTranscoder(self)).isTrue();
    assertThat(network.ledger().delegator(self).bondedAmount()).isEqualTo(LPT.multiply(BigInteger.valueOf(1000)));
    assertThat(network.ledger().ethBalance(self)).isEqualTo(EmbeddedNetwork.Genesis.DEVELOPMENT_ETH);

    network.onBlock(network.chain().blocks().latestL1Block());
    assertThat(network.chain().rounds().currentRoundInitialized()).isTrue();
    assertThat(network.ledger().transcoder(self).lastRewardRound()).isEqualTo(1);
    double minted = counter("livepeer.reward.minted");
    assertThat(minted).isPositive();

    clock.advance(Duration.ofSeconds(1));
    network.onBlock(network.chain().blocks().latestL1Block());
    assertThat(counter("livepeer.reward.minted")).isEqualTo(minted);

    nextRound();
    assertThat(network.ledger().transcoder(self).lastRewardRound()).isEqualTo(2);
    assertThat(counter("livepeer.reward.minted")).isGreaterThan(minted);
    assertThat(counter("livepeer.reward.call.errors")).isZero();
    assertThat(registry.get("livepeer.current.round").gauge().value()).isEqualTo(2);
    assertThat(registry.get("livepeer.orchestrator.active").gauge().value()).isEqualTo(1);
    assertThat(registry.get("livepeer.orchestrator.stake").gauge().value()).isGreaterThan(1000);
    assertThat(network.ledger().audit()).isEmpty();
  }

  @Test
  void withoutRewardTheNodeLeavesItsRewardUnclaimed() {
    network.close();
    network = open(false);
    network.onBlock(network.chain().blocks().latestL1Block());
    assertThat(network.chain().rounds().currentRoundInitialized()).isTrue();
    assertThat(network.ledger().transcoder(ORCHESTRATOR.address()).lastRewardRound()).isZero();
  }

  @Test
  void aGatewayFundedThroughTheNodePaysWithTicketsWhoseFeesReachTheLedger() throws Exception {
    EthAddress self = ORCHESTRATOR.address();
    network.fundDepositAndReserve(GATEWAY.address(), ETH, ETH);
    assertThat(network.chain().broker().senderInfo(GATEWAY.address()).deposit()).isEqualTo(ETH);

    // The orchestrator's recipient and the gateway's sender, both on this network's chain: EV = the
    // redemption's gas cost, so face value = 100 × EV and one ticket in 100 wins.
    BigInteger txCost = GAS_PRICE.multiply(BigInteger.valueOf(RecipientConfig.REDEEM_GAS_ARBITRUM));
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    Recipient recipient = new Recipient(new RecipientConfig(self, txCost, BigInteger.ZERO, RecipientConfig.REDEEM_GAS_ARBITRUM),
        secret, new SplittableRandom(42), network.chain(), network.senderMonitor(), new Balances(clock), network.winningTickets());
    Sender sender = new Sender(GATEWAY, network.chain(), new SenderConfig(txCost.multiply(BigInteger.TEN), ETH, 1));
    PriceInfo price = PriceInfo.newBuilder().setPricePerUnit(1).setPixelsPerUnit(1).build();
    SenderSession session = sender.startSession(recipient.ticketParams(GATEWAY.address(), price));
    int winners = 0;
    for (int i = 0; i < 20 && winners == 0; i++) {
      PaymentReceipt receipt = recipient.receivePayment(sender.createPayment(session, 50, price), "session-1");
      assertThat(receipt.error()).isEmpty();
      winners += receipt.winningTickets();
    }
    assertThat(winners).isPositive();

    BigInteger paid = BigInteger.ZERO;
    for (StoredTicket t : network.winningTickets().inState(RedemptionState.QUEUED)) {
      WinningTicket w = t.winner();
      paid = paid.add(network.chain().broker().redeemWinningTicket(w.ticket(), w.signature(), w.recipientRand()));
    }
    BigInteger faceValue = txCost.multiply(RecipientConfig.TX_COST_MULTIPLIER);
    assertThat(paid).isEqualTo(faceValue.multiply(BigInteger.valueOf(winners)));
    long round = network.chain().rounds().currentRound();
    assertThat(network.ledger().workTotals(self, round).redeemedFees()).isEqualTo(paid);
    assertThat(network.ledger().delegator(self).pendingFees()).isBetween(paid.subtract(BigInteger.TEN), paid);
    assertThat(counter("livepeer.value.redeemed")).isEqualTo(paid.doubleValue() / 1e9);
    assertThat(network.ledger().audit()).isEmpty();

    // Replaying a redeemed ticket reverts; nothing more is credited.
    WinningTicket again = network.winningTickets().inState(RedemptionState.QUEUED).get(0).winner();
    assertThatThrownBy(() -> network.chain().broker().redeemWinningTicket(again.ticket(), again.signature(), again.recipientRand()))
        .isInstanceOf(TicketRevertedException.class).hasMessage("ticket is used");
    assertThat(network.ledger().workTotals(self, round).redeemedFees()).isEqualTo(paid);
  }

  /**
   * Issue 16 item 10: with 10-block rounds, params of go-livepeer's 40 blocks outlived the broker's
   * 2-round window, so every winning ticket was refused "ticket is expired". Paid at every block of
   * two rounds and redeemed by the queue as blocks go by, every winner is now paid and credited.
   */
  @Test
  void withTenBlockRoundsEveryWinningTicketIsRedeemedAndCredited() throws Exception {
    EthAddress self = ORCHESTRATOR.address();
    network.fundDepositAndReserve(GATEWAY.address(), ETH, ETH);
    // Face value = 2 × EV, so half the tickets win; EV = the redemption's gas cost, so each is worth redeeming.
    BigInteger txCost = GAS_PRICE.multiply(BigInteger.valueOf(RecipientConfig.REDEEM_GAS_ARBITRUM));
    Recipient recipient = new Recipient(new RecipientConfig(self, txCost, txCost.multiply(BigInteger.TWO), RecipientConfig.REDEEM_GAS_ARBITRUM),
        new byte[32], new SplittableRandom(7), network.chain(), network.senderMonitor(), new Balances(clock), network.winningTickets());
    Sender sender = new Sender(GATEWAY, network.chain(), new SenderConfig(txCost.multiply(BigInteger.TEN), ETH, 1));
    RedemptionQueue queue = new RedemptionQueue(network.winningTickets(), network.chain(), network.senderMonitor(),
        RecipientConfig.REDEEM_GAS_ARBITRUM, metrics::redemptionFailed);
    network.onNewBlock(queue::onNewL1Block);
    PriceInfo price = PriceInfo.newBuilder().setPricePerUnit(1).setPixelsPerUnit(1).build();

    long firstRound = network.chain().rounds().currentRound();
    int winners = 0;
    for (int block = 0; block < 20; block++) {
      network.onBlock(network.chain().blocks().latestL1Block());
      SenderSession session = sender.startSession(recipient.ticketParams(GATEWAY.address(), price));
      PaymentReceipt receipt = recipient.receivePayment(sender.createPayment(session, 4, price), "session-" + block);
      assertThat(receipt.error()).isEmpty();
      winners += receipt.winningTickets();
      clock.advance(Duration.ofSeconds(1));
    }
    for (int block = 0; block < 40; block++) {
      network.onBlock(network.chain().blocks().latestL1Block());
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(winners).isPositive();
    assertThat(network.winningTickets().inState(RedemptionState.FAILED)).isEmpty();
    assertThat(network.winningTickets().inState(RedemptionState.QUEUED)).isEmpty();
    assertThat(network.winningTickets().inState(RedemptionState.REDEEMED)).hasSize(winners);
    BigInteger credited = BigInteger.ZERO;
    for (long round = firstRound; round <= network.chain().rounds().currentRound(); round++) {
      credited = credited.add(network.ledger().workTotals(self, round).redeemedFees());
    }
    assertThat(credited).isEqualTo(txCost.multiply(BigInteger.TWO).multiply(BigInteger.valueOf(winners)));
    assertThat(counter("livepeer.ticket.redemption.errors")).isZero();
    assertThat(network.ledger().audit()).isEmpty();
  }

  @Test
  void feesPaidBeforeACrashAreCreditedOnceAtTheNextStart() throws Exception {
    network.fundDepositAndReserve(GATEWAY.address(), ETH, BigInteger.ZERO);
    network.onBlock(network.chain().blocks().latestL1Block());
    // The broker pays, and the process dies before the ledger hears of it.
    Ticket ticket = certainTicket(network, 1, ETH.divide(BigInteger.TEN));
    network.ticketBroker().redeemWinningTicket(ticket, GATEWAY.signPersonal(ticket.hash().toBytes()), RAND);
    assertThat(network.ledger().delegator(ORCHESTRATOR.address()).pendingFees()).isZero();

    reopen();
    long round = network.chain().rounds().currentRound();
    assertThat(network.ledger().workTotals(ORCHESTRATOR.address(), round).redeemedFees()).isEqualTo(ETH.divide(BigInteger.TEN));
    reopen();
    nextRound();
    assertThat(network.ledger().workTotals(ORCHESTRATOR.address(), round).redeemedFees()).isEqualTo(ETH.divide(BigInteger.TEN));
    // All of it is the orchestrator's (it has no delegators), to the wei the cumulative factors round to.
    assertThat(network.ledger().delegator(ORCHESTRATOR.address()).pendingFees()).isBetween(ETH.divide(BigInteger.TEN).subtract(BigInteger.TEN),
        ETH.divide(BigInteger.TEN));
    assertThat(network.ledger().audit()).isEmpty();
  }

  @Test
  void theBrokerPaysOnlyAnActiveRecipientAndSplitsReservesByThePoolSize() throws Exception {
    EthAddress newcomer = EthAddress.ofNumber(0xbeef);
    network.ledger().mintLpt(newcomer, LPT);
    network.ledger().bond(newcomer, LPT, newcomer);
    network.ledger().registerTranscoder(newcomer, 0, 0);
    // Registered and in the pool for the next round: the pool has two members, one of them active.
    assertThat(network.chain().transcoders().isRegisteredTranscoder(newcomer)).isTrue();
    assertThat(network.chain().transcoders().isActiveTranscoder(newcomer)).isFalse();
    assertThat(network.chain().transcoders().transcoderPoolSize()).isEqualTo(2);

    network.fundDepositAndReserve(GATEWAY.address(), ETH, ETH);
    Ticket toNewcomer = new Ticket(newcomer, GATEWAY.address(), ETH, WinProbability.CERTAIN, 1, WinProbability.recipientRandHash(RAND),
        expiration(network));
    assertThatThrownBy(() -> network.chain().broker().redeemWinningTicket(toNewcomer, GATEWAY.signPersonal(toNewcomer.hash().toBytes()), RAND))
        .hasMessage("transcoder must be active");
    assertThat(network.ticketBroker().claimableReserve(GATEWAY.address(), ORCHESTRATOR.address())).isEqualTo(ETH.divide(BigInteger.TWO));
  }

  @Test
  void theKeeperRunsOnItsOwnThreadAndTellsListenersOfNewBlocks() throws Exception {
    List<Long> blocks = new CopyOnWriteArrayList<>();
    network.onNewBlock(blocks::add);
    network.start();
    long start = network.chain().blocks().latestL1Block();
    waitFor(() -> !blocks.isEmpty());
    clock.advance(Duration.ofSeconds(10));
    waitFor(() -> network.ledger().transcoder(ORCHESTRATOR.address()).lastRewardRound() == 2);
    // The keeper calls reward before it tells the listeners of the block, so the block may arrive just after.
    waitFor(() -> blocks.contains(start + 10));
    assertThat(blocks).startsWith(start);
    network.close();
    int seen = blocks.size();
    clock.advance(Duration.ofSeconds(10));
    Thread.sleep(1500);
    assertThat(blocks).hasSize(seen);
    network = open(true);
  }

  @Test
  void gatewayFundsAreGaugedPerSender() {
    network.fundDepositAndReserve(GATEWAY.address(), ETH, ETH.multiply(BigInteger.TWO));
    network.onBlock(network.chain().blocks().latestL1Block());
    assertThat(registry.get("livepeer.gateway.deposit").tag("sender", GATEWAY.address().toHex()).gauge().value()).isEqualTo(1e9);
    assertThat(registry.get("livepeer.gateway.reserve").tag("sender", GATEWAY.address().toHex()).gauge().value()).isEqualTo(2e9);
  }

  static final BigInteger RAND = BigInteger.valueOf(123456789);

  /** The last initialized round and its block hash, as a recipient puts them in ticket params. */
  static ExpirationParams expiration(EmbeddedNetwork network) {
    network.ledger().initializeRoundIfNeeded();
    long round = network.chain().rounds().lastInitializedRound();
    return new ExpirationParams(round, network.chain().rounds().blockHashForRound(round));
  }

  /** A ticket from {@link #GATEWAY} to the node that wins for sure. */
  static Ticket certainTicket(EmbeddedNetwork network, long nonce, BigInteger faceValue) {
    return new Ticket(network.account(), GATEWAY.address(), faceValue, WinProbability.CERTAIN, nonce,
        WinProbability.recipientRandHash(RAND), expiration(network));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
