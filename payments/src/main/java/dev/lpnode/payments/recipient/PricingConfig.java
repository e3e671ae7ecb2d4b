package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import java.util.Map;
import java.util.Objects;

/**
 * Transcoding prices in wei per pixel (protocol.md §6).
 *
 * @param basePrice     {@code -pricePerUnit} / {@code -pixelsPerUnit}
 * @param gatewayPrices {@code -pricePerGateway}: prices for particular gateways
 * @param autoAdjust    {@code -autoAdjustPrice} (default true): add the redemption overhead
 */
public record PricingConfig(Rational basePrice, Map<EthAddress, Rational> gatewayPrices, boolean autoAdjust) {
  public PricingConfig {
    Objects.requireNonNull(basePrice, "basePrice");
    gatewayPrices = Map.copyOf(gatewayPrices);
    if (basePrice.signum() < 0 || gatewayPrices.values().stream().anyMatch(p -> p.signum() < 0)) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /** The price per pixel of {@code -pricePerUnit} wei per {@code -pixelsPerUnit} pixels. */
  public static Rational pricePerPixel(long pricePerUnit, long pixelsPerUnit) {
    if (pixelsPerUnit <= 0) {
      throw new IllegalArgumentException("-pixelsPerUnit must be greater than 0, got " + pixelsPerUnit);
    }
    if (pricePerUnit < 0) {
      throw new IllegalArgumentException("-pricePerUnit must not be negative, got " + pricePerUnit);
    }
    return Rational.of(pricePerUnit, pixelsPerUnit);
  }
}
