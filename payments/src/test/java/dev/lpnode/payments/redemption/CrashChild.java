package dev.lpnode.payments.redemption;

import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.payments.recipient.RecipientConfig;
import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.wire.net.Payment;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The orchestrator side of a payment stream, run as a child process by {@link SigkillCrashTest}:
 * it receives payments whose tickets all win and prints {@code ACK <ticket hashes>} after each
 * payment returns, which is the moment an orchestrator answers the gateway. It runs until killed.
 */
public final class CrashChild {
  private CrashChild() {
  }

  public static void main(String[] args) {
    BigInteger ev = RecipientConfig.DEFAULT_TICKET_EV;
    PaymentsFixture f = new PaymentsFixture(Path.of(args[0]),
        new RecipientConfig(PaymentsFixture.ORCHESTRATOR.address(), ev, ev, RecipientConfig.REDEEM_GAS_ARBITRUM));
    f.chain.setGasPrice(BigInteger.valueOf(1000));
    while (true) {
      TicketParams params;
      try {
        params = f.recipient.ticketParams(f.gateway(), Rational.of(PaymentsFixture.PRICE.getPricePerUnit()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      for (long nonce = 1; nonce + 2 <= 600; nonce += 3) {
        Payment payment = PaymentsFixture.payment(params, PaymentsFixture.PRICE, nonce, nonce + 1, nonce + 2);
        PaymentReceipt receipt = f.recipient.receivePayment(payment, "crash");
        if (!receipt.accepted() || receipt.winningTickets() != 3) {
          System.out.println("ERROR " + receipt);
          System.exit(2);
        }
        StringBuilder ack = new StringBuilder("ACK");
        for (long n = nonce; n < nonce + 3; n++) {
          ack.append(' ').append(params.ticket(f.gateway(), n, params.expirationParams()).hash().toHex());
        }
        System.out.println(ack);
        System.out.flush();
      }
    }
  }
}
