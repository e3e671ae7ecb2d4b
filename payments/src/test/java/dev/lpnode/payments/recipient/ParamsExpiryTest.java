package dev.lpnode.payments.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.testing.PaymentsFixture;
import dev.lpnode.payments.ticket.Rational;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Params expire before the broker's validity window for their tickets closes, for any usable round length. */
class ParamsExpiryTest {
  private static final Rational PRICE = Rational.of(1010);

  @TempDir
  Path dir;

  @Test
  void withLongRoundsParamsLive40Blocks() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      long now = f.chain.latestL1Block();
      assertThat(f.recipient.ticketParams(f.gateway(), PRICE).expirationBlock()).isEqualTo(now + 40);
    }
  }

  @Test
  void withShortRoundsParamsExpireBeforeTheBrokerRefusesTheirTickets() throws Exception {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      f.chain.setRoundLength(10);
      long roundStart = f.chain.roundStartBlock(PaymentsFixture.ROUND);
      // The broker refuses round-100 tickets from round 102 on (validity of 2 rounds).
      long refusedFrom = f.chain.roundStartBlock(PaymentsFixture.ROUND + 2);
      assertThat(refusedFrom).isEqualTo(roundStart + 20);
      for (long block = roundStart; block < roundStart + 10; block++) {
        f.chain.setL1Block(block);
        long expiry = f.recipient.ticketParams(f.gateway(), PRICE).expirationBlock();
        assertThat(expiry).isEqualTo(refusedFrom - ParamsExpiry.REDEMPTION_BLOCKS);
        assertThat(expiry - block).isGreaterThanOrEqualTo(ParamsExpiry.MIN_VALIDITY_BLOCKS);
      }
    }
  }

  @Test
  void roundLengthsTooShortToRedeemAreRefusedWithTheLengthThatWorks() {
    assertThatCode(() -> ParamsExpiry.requireRedeemable(6, 2)).doesNotThrowAnyException();
    assertThatCode(() -> ParamsExpiry.requireRedeemable(10, 2)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ParamsExpiry.requireRedeemable(5, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a round length of 5 blocks is too short to redeem winning tickets")
        .hasMessageEndingWith("use a round length of at least 6 blocks");
    assertThatThrownBy(() -> ParamsExpiry.requireRedeemable(1000, 1)).hasMessageEndingWith(
        "no round length fits a ticket validity period under 2 rounds");
  }
}
