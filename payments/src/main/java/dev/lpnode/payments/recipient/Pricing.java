package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.PriceInfo;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The price an orchestrator advertises to a gateway (protocol.md §6): the session's fixed price if
 * a payment fixed one; otherwise the gateway's own price or the base price, raised by the
 * redemption overhead {@code 1 + 1/txCostMultiplier} (normally 1.01) and truncated to 3 decimals
 * when {@code -autoAdjustPrice} is on. Sent as the reduced fraction. Thread-safe.
 */
public final class Pricing {
  private static final BigInteger SCALE = BigInteger.valueOf(1000);

  private final Recipient recipient;
  private final Balances balances;
  private final boolean autoAdjust;
  private volatile Rational basePrice;
  private final Map<EthAddress, Rational> gatewayPrices;

  public Pricing(PricingConfig config, Recipient recipient, Balances balances) {
    this.recipient = Objects.requireNonNull(recipient, "recipient");
    this.balances = Objects.requireNonNull(balances, "balances");
    this.autoAdjust = config.autoAdjust();
    this.basePrice = config.basePrice();
    this.gatewayPrices = new ConcurrentHashMap<>(config.gatewayPrices());
  }

  /** The price per pixel for {@code sender} in session {@code sessionId}. */
  public Rational pricePerPixel(EthAddress sender, String sessionId) throws PaymentException {
    var fixed = balances.fixedPrice(sender, sessionId);
    if (fixed.isPresent()) {
      return fixed.get();
    }
    Rational price = gatewayPrices.getOrDefault(sender, basePrice);
    if (!autoAdjust || price.signum() <= 0) {
      return price;
    }
    Rational multiplier = recipient.txCostMultiplier(sender);
    Rational overhead = multiplier.signum() > 0 ? Rational.ONE.add(multiplier.reciprocal()) : Rational.ONE;
    BigInteger thousandths = price.multiply(overhead).multiply(Rational.of(SCALE)).floor();
    return Rational.of(thousandths, SCALE);
  }

  /** {@link #pricePerPixel} as {@code PriceInfo{pricePerUnit = numerator, pixelsPerUnit = denominator}}. */
  public PriceInfo priceInfo(EthAddress sender, String sessionId) throws PaymentException {
    Rational price = pricePerPixel(sender, sessionId);
    return PriceInfo.newBuilder()
        .setPricePerUnit(price.numerator().longValueExact())
        .setPixelsPerUnit(price.denominator().longValueExact())
        .build();
  }

  /** {@code /setPriceForBroadcaster}: a price for one gateway from now on. */
  public void setGatewayPrice(EthAddress gateway, Rational pricePerPixel) {
    gatewayPrices.put(gateway, pricePerPixel);
  }

  /** A new base price ({@code /setOrchestratorConfig}). */
  public void setBasePrice(Rational pricePerPixel) {
    basePrice = Objects.requireNonNull(pricePerPixel, "pricePerPixel");
  }
}
