package dev.lpnode.payments.testing;

import com.google.protobuf.ByteString;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.ManualChain;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.recipient.SenderMonitor;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketSenderParams;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Real payments components on a temporary directory: a manual chain at round 100, an embedded
 * broker where the gateway has funds, the winning-ticket store, and an orchestrator's recipient.
 */
public final class PaymentsFixture implements AutoCloseable {
  public static final SigningKey GATEWAY = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  public static final SigningKey ORCHESTRATOR = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  public static final long ROUND = 100;
  public static final Bytes32 ROUND_HASH = Bytes32.of(Keccak.keccak256("round 100".getBytes(StandardCharsets.US_ASCII)));
  public static final BigInteger ETH = BigInteger.TEN.pow(18);
  public static final PriceInfo PRICE = PriceInfo.newBuilder().setPricePerUnit(1010).setPixelsPerUnit(1).build();

  public final Path dir;
  public final MutableClock clock = new MutableClock();
  public final ManualChain chain = new ManualChain();
  public final EmbeddedTicketBroker broker;
  public final Chain chainView;
  public final WinningTicketStore store;
  public final SenderMonitor senders;
  public final Balances balances;
  public final Recipient recipient;

  public PaymentsFixture(Path dir) {
    this(dir, RecipientConfig.arbitrumDefaults(ORCHESTRATOR.address()));
  }

  public PaymentsFixture(Path dir, RecipientConfig config) {
    this.dir = dir;
    chain.setL1Block(20_000_000);
    chain.initializeRound(ROUND, ROUND_HASH);
    chain.activate(config.recipient());
    chain.setGasPrice(BigInteger.valueOf(10_000_000)); // 0.01 gwei, Arbitrum-like
    broker = EmbeddedTicketBroker.open(dir.resolve("broker.db"), chain, chain, EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
    broker.fundDepositAndReserveFor(GATEWAY.address(), GATEWAY.address(), ETH, ETH);
    chainView = new Chain(chain, chain, chain, chain, broker);
    store = WinningTicketStore.open(dir.resolve("tickets.db"), clock);
    senders = new SenderMonitor(config.recipient(), chainView);
    balances = new Balances(clock);
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    recipient = new Recipient(config, secret, new SplittableRandom(42), chainView, senders, balances, store);
  }

  /** A payment of tickets with the given nonces from {@link #GATEWAY}, signed, on these params. */
  public static Payment payment(TicketParams params, PriceInfo price, long... nonces) {
    return payment(GATEWAY, params, price, nonces);
  }

  public static Payment payment(SigningKey gateway, TicketParams params, PriceInfo price, long... nonces) {
    Payment.Builder p = Payment.newBuilder()
        .setTicketParams(params.toProtoWithoutExpirationParams())
        .setSender(ByteString.copyFrom(gateway.address().toBytes()))
        .setExpirationParams(params.expirationParams().toProto())
        .setExpectedPrice(price);
    for (long nonce : nonces) {
      Ticket ticket = params.ticket(gateway.address(), nonce, params.expirationParams());
      p.addTicketSenderParams(TicketSenderParams.newBuilder()
          .setSenderNonce((int) nonce)
          .setSig(ByteString.copyFrom(gateway.signPersonal(ticket.hash().toBytes()))));
    }
    return p.build();
  }

  public EthAddress gateway() {
    return GATEWAY.address();
  }

  @Override
  public void close() {
    store.close();
    broker.close();
  }
}
