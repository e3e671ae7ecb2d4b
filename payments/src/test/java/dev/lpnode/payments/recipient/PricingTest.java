package dev.lpnode.payments.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.PriceInfo;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** protocol.md §6: advertised prices. */
class PricingTest {
  @TempDir
  Path dir;

  private static PriceInfo price(long perUnit, long pixels) {
    return PriceInfo.newBuilder().setPricePerUnit(perUnit).setPixelsPerUnit(pixels).build();
  }

  @Test
  void autoAdjustAddsOnePercentForTheRedemptionOverhead() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      Pricing pricing = new Pricing(new PricingConfig(Rational.of(1000), Map.of(), true), f.recipient, f.balances);
      assertThat(f.recipient.txCostMultiplier(f.gateway())).isEqualTo(Rational.of(100));
      assertThat(pricing.priceInfo(f.gateway(), "s")).isEqualTo(price(1010, 1));
    }
  }

  @Test
  void adjustedPricesAreTruncatedToThreeDecimalsAndReduced() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      Pricing pricing = new Pricing(new PricingConfig(PricingConfig.pricePerPixel(1, 3), Map.of(), true), f.recipient, f.balances);
      // 1/3 × 1.01 = 0.33666…, truncated to 0.336 = 42/125.
      assertThat(pricing.priceInfo(f.gateway(), "s")).isEqualTo(price(42, 125));
      pricing.setBasePrice(PricingConfig.pricePerPixel(1, 10_000));
      assertThat(pricing.priceInfo(f.gateway(), "s")).isEqualTo(price(0, 1));
    }
  }

  @Test
  void withoutAutoAdjustTheConfiguredFractionIsSentReduced() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      Pricing pricing = new Pricing(new PricingConfig(PricingConfig.pricePerPixel(2402, 2000), Map.of(), false), f.recipient, f.balances);
      assertThat(pricing.priceInfo(f.gateway(), "s")).isEqualTo(price(1201, 1000));
    }
  }

  @Test
  void freeGasMeansNoOverhead() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      f.chain.setGasPrice(BigInteger.ZERO);
      Pricing pricing = new Pricing(new PricingConfig(Rational.of(1000), Map.of(), true), f.recipient, f.balances);
      assertThat(pricing.priceInfo(f.gateway(), "s")).isEqualTo(price(1000, 1));
    }
  }

  @Test
  void gatewaysCanHaveTheirOwnPriceAndSessionsKeepTheirFixedPrice() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      EthAddress other = EthAddress.fromHex("0x00000000000000000000000000000000000000bb");
      Pricing pricing = new Pricing(new PricingConfig(Rational.of(1000), Map.of(f.gateway(), Rational.of(500)), false),
          f.recipient, f.balances);
      assertThat(pricing.pricePerPixel(f.gateway(), "s")).isEqualTo(Rational.of(500));
      assertThat(pricing.pricePerPixel(other, "s")).isEqualTo(Rational.of(1000));

      pricing.setGatewayPrice(other, Rational.of(700));
      assertThat(pricing.pricePerPixel(other, "s")).isEqualTo(Rational.of(700));

      f.balances.fixPriceIfUnset(f.gateway(), "fixed", Rational.of(123));
      pricing.setGatewayPrice(f.gateway(), Rational.of(900));
      assertThat(pricing.pricePerPixel(f.gateway(), "fixed")).isEqualTo(Rational.of(123));
      assertThat(pricing.pricePerPixel(f.gateway(), "new")).isEqualTo(Rational.of(900));
    }
  }
}
