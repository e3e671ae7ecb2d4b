package dev.lpnode.bench.tickets;

import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.ManualChain;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderConfig;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The orchestrator's receive path, one thread: {@link Recipient#receivePayment} on payments signed
 * in advance by a real {@link Sender}, each ticket checked in full (recipientRand HMAC, sender
 * funds, recipient, commitment, secp256k1 recovery of the signature, win test, nonce replay, expiry,
 * credit). Realistic Arbitrum params, so winners are rare and written to SQLite when they occur.
 * Every invocation starts from a fresh recipient (same secret), so no ticket is seen twice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class TicketValidationBenchmark {
  /** Tickets validated per benchmark invocation. */
  static final int TICKETS = 1200;
  /** Distinct params per invocation: the recipient accepts at most 600 nonces per params. */
  private static final int PARAM_SETS = 4;
  private static final SigningKey GATEWAY = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final SigningKey ORCHESTRATOR = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final PriceInfo PRICE = PriceInfo.newBuilder().setPricePerUnit(1010).setPixelsPerUnit(1).build();

  /** Tickets per payment: go-livepeer gateways send one to a few per segment. */
  @Param({"1", "3"})
  public int ticketsPerPayment;

  private Path dir;
  private EmbeddedTicketBroker broker;
  private WinningTicketStore store;
  private Chain chain;
  private SenderMonitor senders;
  private final byte[] secret = new byte[32];
  private final List<Payment> payments = new ArrayList<>();
  private Recipient recipient;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("ticket-bench");
    ManualChain manual = new ManualChain();
    manual.setL1Block(20_000_000);
    manual.initializeRound(3500, Bytes32.fromHex("d60ee5d9b1a312631632d0ab8816ca64259093d8ab0b4d29f35db6a6151b0f8d"));
    manual.activate(ORCHESTRATOR.address());
    manual.setGasPrice(BigInteger.valueOf(10_000_000)); // 0.01 gwei
    broker = EmbeddedTicketBroker.open(dir.resolve("broker.db"), manual, manual, EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
    BigInteger eth = BigInteger.TEN.pow(18);
    broker.fundDepositAndReserveFor(GATEWAY.address(), GATEWAY.address(), eth, eth);
    chain = new Chain(manual, manual, manual, manual, broker);
    store = WinningTicketStore.open(dir.resolve("tickets.db"), Clock.systemUTC());
    senders = new SenderMonitor(ORCHESTRATOR.address(), chain);
    new SecureRandom().nextBytes(secret);
    newRecipient();

    Sender sender = new Sender(GATEWAY, chain, SenderConfig.defaults());
    int paymentsPerParams = TICKETS / ticketsPerPayment / PARAM_SETS;
    for (int p = 0; p < PARAM_SETS; p++) {
      var session = sender.startSession(recipient.ticketParams(GATEWAY.address(), PRICE));
      for (int i = 0; i < paymentsPerParams; i++) {
        payments.add(sender.createPayment(session, ticketsPerPayment, PRICE));
      }
    }
  }

  @Setup(Level.Invocation)
  public void newRecipient() {
    recipient = new Recipient(RecipientConfig.arbitrumDefaults(ORCHESTRATOR.address()), secret, new SecureRandom(), chain,
        senders, new Balances(Clock.systemUTC()), store);
  }

  @Benchmark
  @OperationsPerInvocation(TICKETS)
  public int receivePayments() {
    int credited = 0;
    for (Payment p : payments) {
      credited += recipient.receivePayment(p, "bench").ticketsCredited();
    }
    if (credited != TICKETS) {
      throw new IllegalStateException("only " + credited + " of " + TICKETS + " tickets were accepted");
    }
    return credited;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    broker.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
