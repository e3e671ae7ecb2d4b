package dev.lpnode.orchestrator.pay;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.PaymentException;
import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketParams;
import java.math.BigInteger;
import java.util.Optional;

/** go-livepeer's offchain mode: no tickets, no balances, a price of 0. */
public final class NoPayments implements OrchestratorPayments {
  private static final PriceInfo FREE = PriceInfo.newBuilder().setPricePerUnit(0).setPixelsPerUnit(1).build();

  @Override
  public PriceInfo priceInfo(EthAddress sender, String sessionId) {
    return FREE;
  }

  @Override
  public Optional<TicketParams> ticketParams(EthAddress sender, PriceInfo price) {
    return Optional.empty();
  }

  @Override
  public PaymentReceipt receive(Payment payment, String sessionId) {
    return new PaymentReceipt(EthAddress.fromWire(payment.getSender().toByteArray()), 0, Rational.ZERO, 0, Optional.empty());
  }

  @Override
  public boolean sufficientBalance(EthAddress sender, String sessionId) {
    return true;
  }

  @Override
  public void debit(EthAddress sender, String sessionId, PriceInfo price, long pixels) {}

  @Override
  public void setGatewayPrice(EthAddress gateway, BigInteger pricePerUnit, long pixelsPerUnit) throws PaymentException {
    throw new PaymentException("prices are not used on the offchain network");
  }

  @Override
  public BigInteger pricePerUnit() {
    return BigInteger.ZERO;
  }

  @Override
  public long pixelsPerUnit() {
    return 1;
  }
}
