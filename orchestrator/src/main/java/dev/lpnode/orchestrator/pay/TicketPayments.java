package dev.lpnode.orchestrator.pay;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.Balances;
import dev.lpnode.payments.recipient.PaymentException;
import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.payments.recipient.Pricing;
import dev.lpnode.payments.recipient.Recipient;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketParams;
import java.math.BigInteger;
import java.util.Optional;

/** Payments with probabilistic micropayment tickets, through the payments module's recipient. */
public final class TicketPayments implements OrchestratorPayments {
  private final Recipient recipient;
  private final Pricing pricing;
  private final Balances balances;
  private final BigInteger pricePerUnit;
  private final long pixelsPerUnit;

  public TicketPayments(Recipient recipient, Pricing pricing, Balances balances, BigInteger pricePerUnit, long pixelsPerUnit) {
    this.recipient = recipient;
    this.pricing = pricing;
    this.balances = balances;
    this.pricePerUnit = pricePerUnit;
    this.pixelsPerUnit = pixelsPerUnit;
  }

  @Override
  public PriceInfo priceInfo(EthAddress sender, String sessionId) throws PaymentException {
    return pricing.priceInfo(sender, sessionId);
  }

  @Override
  public Optional<TicketParams> ticketParams(EthAddress sender, PriceInfo price) throws PaymentException {
    return Optional.of(recipient.ticketParams(sender, price));
  }

  @Override
  public PaymentReceipt receive(Payment payment, String sessionId) {
    return recipient.receivePayment(payment, sessionId);
  }

  @Override
  public boolean sufficientBalance(EthAddress sender, String sessionId) {
    return recipient.sufficientBalance(sender, sessionId);
  }

  @Override
  public void debit(EthAddress sender, String sessionId, PriceInfo price, long pixels) {
    balances.debitFees(sender, sessionId, price, pixels);
  }

  @Override
  public void setGatewayPrice(EthAddress gateway, BigInteger pricePerUnit, long pixelsPerUnit) {
    pricing.setGatewayPrice(gateway, dev.lpnode.payments.ticket.Rational.of(pricePerUnit, BigInteger.valueOf(pixelsPerUnit)));
  }

  @Override
  public BigInteger pricePerUnit() {
    return pricePerUnit;
  }

  @Override
  public long pixelsPerUnit() {
    return pixelsPerUnit;
  }
}
