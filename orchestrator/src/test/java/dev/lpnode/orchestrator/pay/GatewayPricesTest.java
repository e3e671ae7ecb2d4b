package dev.lpnode.orchestrator.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ConfigException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import org.junit.jupiter.api.Test;

class GatewayPricesTest {
  private static final String A = "0x" + "a".repeat(40);
  private static final String B = "0x" + "b".repeat(40);

  @Test
  void readsGoLivepeerJsonAsExactPricesPerPixel() {
    var prices = GatewayPrices.parse("{\"gateways\":[{\"ethaddress\":\"" + A + "\",\"priceperunit\":1000,\"pixelsperunit\":3},"
        + "{\"ethaddress\":\"" + B + "\",\"priceperunit\":\"0.5\",\"pixelsperunit\":1,\"currency\":\"WEI\"}]}");
    assertThat(prices).containsEntry(EthAddress.fromHex(A), Rational.of(1000, 3)).containsEntry(EthAddress.fromHex(B), Rational.of(1, 2));
    assertThat(GatewayPrices.parse("{\"broadcasters\":[{\"ethaddress\":\"" + A + "\",\"priceperunit\":7,\"pixelsperunit\":1}]}"))
        .containsEntry(EthAddress.fromHex(A), Rational.of(7));
  }

  @Test
  void rejectsWhatItCannotHonour() {
    assertThatThrownBy(() -> GatewayPrices.parse("[]")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> GatewayPrices.parse("{}")).hasMessageContaining("expected {\"gateways\"");
    assertThatThrownBy(() -> GatewayPrices.parse("{\"gateways\":[{\"ethaddress\":\"" + A + "\",\"priceperunit\":0.5,\"pixelsperunit\":1,\"currency\":\"USD\"}]}"))
        .hasMessageContaining("needs a price feed");
    assertThatThrownBy(() -> GatewayPrices.parse("{\"gateways\":[{\"ethaddress\":\"nope\",\"priceperunit\":1,\"pixelsperunit\":1}]}"))
        .hasMessageContaining("ethaddress must be a 0x address");
    assertThatThrownBy(() -> GatewayPrices.parse("{\"gateways\":[{\"ethaddress\":\"" + A + "\",\"priceperunit\":1,\"pixelsperunit\":0}]}"))
        .hasMessageContaining("pixelsperunit must be positive");
    assertThatThrownBy(() -> GatewayPrices.parse("{\"gateways\":[{\"ethaddress\":\"" + A + "\",\"priceperunit\":\"cheap\",\"pixelsperunit\":1}]}"))
        .hasMessageContaining("priceperunit must be a number");
  }
}
