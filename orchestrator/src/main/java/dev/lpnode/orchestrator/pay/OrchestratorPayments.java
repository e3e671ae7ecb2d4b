package dev.lpnode.orchestrator.pay;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.PaymentException;
import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketParams;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What the orchestrator asks of payments for each gateway and session: a price, ticket params,
 * the payment check and the debit. {@link TicketPayments} uses real tickets; {@link NoPayments} is
 * go-livepeer's offchain mode. Methods may block on disk or chain reads: never call them on an
 * event loop.
 */
public interface OrchestratorPayments {
  /** The price for {@code sender}'s session: fixed at the session's first payment. */
  PriceInfo priceInfo(EthAddress sender, String sessionId) throws PaymentException;

  /** Fresh ticket params for {@code sender} at {@code price}, or empty when tickets are not used. */
  Optional<TicketParams> ticketParams(EthAddress sender, PriceInfo price) throws PaymentException;

  /** Validates and credits {@code payment}; winning tickets are on disk when this returns. */
  PaymentReceipt receive(Payment payment, String sessionId);

  /** Whether the session's balance covers at least one ticket's EV (go-livepeer's {@code SufficientBalance}). */
  boolean sufficientBalance(EthAddress sender, String sessionId);

  /** Debits {@code pixels} at {@code price} from the session's balance. */
  void debit(EthAddress sender, String sessionId, PriceInfo price, long pixels);

  /**
   * {@code /setPriceForBroadcaster}: the price for one gateway from now on (its running sessions keep theirs).
   *
   * @throws PaymentException when prices are not used (offchain)
   */
  void setGatewayPrice(EthAddress gateway, BigInteger pricePerUnit, long pixelsPerUnit) throws PaymentException;

  /** The node's current base price in wei per pixel (for metrics). */
  BigInteger pricePerUnit();

  long pixelsPerUnit();
}
