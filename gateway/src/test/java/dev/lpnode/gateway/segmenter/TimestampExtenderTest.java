package dev.lpnode.gateway.segmenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampExtenderTest {
  @Test
  void passesOrdinaryTimestampsThrough() {
    TimestampExtender t = new TimestampExtender();
    assertThat(t.extend(0)).isZero();
    assertThat(t.extend(40)).isEqualTo(40);
    assertThat(t.extend(23)).isEqualTo(23); // audio a little behind video
  }

  @Test
  void continuesPastThe32BitWrapAndPlacesStragglers() {
    TimestampExtender t = new TimestampExtender();
    long nearWrap = 0xFFFF_FF00L;
    assertThat(t.extend(nearWrap)).isEqualTo(nearWrap);
    assertThat(t.extend(0x10)).isEqualTo(0x1_0000_0010L);
    assertThat(t.extend(0xFFFF_FFF0L)).isEqualTo(0xFFFF_FFF0L); // audio from just before the wrap
    assertThat(t.extend(0x40)).isEqualTo(0x1_0000_0040L);
    assertThat(t.extend(0x8000_0000L)).isEqualTo(0x1_8000_0000L);
    assertThat(t.extend(0xF000_0000L)).isEqualTo(0x1_F000_0000L);
    assertThat(t.extend(0x10)).isEqualTo(0x2_0000_0010L); // the second wrap
  }
}
