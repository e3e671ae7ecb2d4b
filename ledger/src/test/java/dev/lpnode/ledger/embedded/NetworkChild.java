package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.ledger.metrics.LedgerMetrics;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.WinProbability;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * A node's embedded network worked as fast as it can until it is killed: the keeper runs (rounds of
 * 250 ms, a reward each round) while a gateway's winning tickets are redeemed one after another and
 * each redemption's segment is recorded. After each redemption it prints {@code acknowledged
 * <ticket hash>}, so the parent knows which redemptions completed. A ticket that expired before
 * its redemption (a slow disk can take two rounds) is skipped.
 */
public final class NetworkChild {
  static final BigInteger FACE_VALUE = BigInteger.TEN.pow(15);

  private NetworkChild() {}

  static EmbeddedNetwork.Settings settings() {
    NetworkParameters params = NetworkParameters.defaults()
        .with(NetworkParameter.ROUND_LENGTH, 5)
        .with(NetworkParameter.BLOCK_TIME, 50)
        .with(NetworkParameter.WORK_ALPHA, 0);
    return new EmbeddedNetwork.Settings(params, EmbeddedNetworkTest.ORCHESTRATOR.address(),
        EmbeddedNetwork.Genesis.orchestrator(BigInteger.TEN.pow(21), 100_000, 500_000), true, EmbeddedNetworkTest.GAS_PRICE,
        EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
  }

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    try (EmbeddedNetwork network = EmbeddedNetwork.open(Path.of(args[0]), settings(), Clock.systemUTC(),
        new LedgerMetrics(new SimpleMeterRegistry()))) {
      network.start();
      if (network.chain().broker().senderInfo(EmbeddedNetworkTest.GATEWAY.address()).deposit().signum() == 0) {
        network.fundDepositAndReserve(EmbeddedNetworkTest.GATEWAY.address(), BigInteger.TEN.pow(24), BigInteger.ZERO);
      }
      for (long n = 1; ; n++) {
        BigInteger rand = new BigInteger(255, random);
        Ticket ticket = new Ticket(network.account(), EmbeddedNetworkTest.GATEWAY.address(), FACE_VALUE, WinProbability.CERTAIN, n,
            WinProbability.recipientRandHash(rand), EmbeddedNetworkTest.expiration(network));
        try {
          network.chain().broker().redeemWinningTicket(ticket, EmbeddedNetworkTest.GATEWAY.signPersonal(ticket.hash().toBytes()), rand);
        } catch (TicketRevertedException e) {
          if (e.getMessage().equals("ticket is expired")) {
            continue;
          }
          throw e;
        }
        network.ledger().recordSegment(SegmentRecord.verified(network.account(), "child", EmbeddedNetworkTest.GATEWAY.address(),
            random.nextLong(Long.MAX_VALUE), BigInteger.valueOf(1000), Duration.ofSeconds(2), Duration.ofMillis(500), FACE_VALUE));
        System.out.println("acknowledged " + ticket.hash().toHex());
        System.out.flush();
      }
    }
  }
}
