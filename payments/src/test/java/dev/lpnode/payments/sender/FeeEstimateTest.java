package dev.lpnode.payments.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.Presets;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.payments.ticket.Rational;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeeEstimateTest {
  private static final VideoProfile P240 = Presets.byName("P240p30fps16x9").orElseThrow();
  private static final VideoProfile P360 = Presets.byName("P360p30fps16x9").orElseThrow();
  private static final Rational EV = Rational.of(8_000_000_000L);

  /** The example of protocol.md §5.5: 1000 wei/pixel, 2-s segment, P240p + P360p → 3 tickets. */
  @Test
  void specExampleNeedsThreeTickets() {
    List<VideoProfile> ladder = List.of(P240, P360);
    assertThat(FeeEstimate.outputPixels(ladder, 2.0)).isEqualTo(19_958_400);
    Rational fee = FeeEstimate.fee(ladder, 2.0, Rational.of(1000));
    assertThat(fee.floor().longValueExact()).isEqualTo(20_357_568_000L);
    BalanceUpdate u = new SessionCredit().stage(fee, EV);
    assertThat(u.numTickets()).isEqualTo(3);
    assertThat(u.newCredit()).isEqualTo(EV.multiply(Rational.of(3)));
  }

  @Test
  void passthroughCountsSixtyFramesAndFractionsRoundUp() {
    VideoProfile passthrough = VideoProfile.of("pass", 100, 10, 1_000_000, 0);
    assertThat(FeeEstimate.outputPixels(List.of(passthrough), 1.5)).isEqualTo(100L * 10 * 60 * 2);
    VideoProfile ntsc = new VideoProfile("ntsc", 100, 10, 1_000_000, 30000, 1001, P240.format(), P240.profile(),
        VideoProfile.GOP_DEFAULT, P240.codec(), 0);
    assertThat(FeeEstimate.outputPixels(List.of(ntsc), 2.0)).isEqualTo(100L * 10 * 30 * 2);
  }

  @Test
  void theMultiplierIsGoLivepeersFloat() {
    // 1.02 as a float64 is a little above 102/100: the estimate is a hair higher than decimal math.
    Rational fee = FeeEstimate.fee(List.of(P240), 2.0, Rational.ONE);
    assertThat(fee).isGreaterThan(Rational.of(FeeEstimate.outputPixels(List.of(P240), 2.0) * 102, 100));
  }
}
