package dev.lpnode.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodecConfigTest {
  @Test
  void readsAacLcAndHeAacConfigurations() throws Exception {
    AacConfig lc = AacConfig.parse(new byte[] {0x12, 0x10}); // object type 2, 44.1 kHz, stereo
    assertThat(lc.audioObjectType()).isEqualTo(2);
    assertThat(lc.sampleRate()).isEqualTo(44100);
    assertThat(lc.channels()).isEqualTo(2);
    assertThat(lc.codec()).isEqualTo("mp4a.40.2");

    AacConfig he = AacConfig.parse(new byte[] {0x2B, (byte) 0x92, 0x08, 0x00}); // type 5, 22.05 kHz core, stereo
    assertThat(he.codec()).isEqualTo("mp4a.40.5");
    assertThat(he.sampleRate()).isEqualTo(22050);
    assertThat(he.channels()).isEqualTo(2);

    assertThatThrownBy(() -> AacConfig.parse(new byte[] {0x17, (byte) 0x80})) // frequency index 14
        .isInstanceOf(MediaFormatException.class);
    assertThatThrownBy(() -> AacConfig.parse(new byte[] {0x12})).isInstanceOf(MediaFormatException.class);
  }

  @Test
  void findsIdrSlicesInLengthPrefixedAccessUnits() throws Exception {
    AvcConfig config = new AvcConfig(new byte[8], new H264Sps(66, 0, 30, 16, 16), 4);
    byte[] idr = {9, 9, 0, 0, 0, 2, 0x09, 0x10, 0, 0, 0, 3, 0x65, 1, 2}; // (2 bytes skipped) AUD, IDR slice
    byte[] nonIdr = {0, 0, 0, 2, 0x09, 0x10, 0, 0, 0, 3, 0x41, 1, 2};    // AUD, non-IDR slice
    byte[] broken = {0, 0, 0, 99, 0x65};                                   // length past the end

    assertThat(config.containsIdr(idr, 2)).isTrue();
    assertThat(config.containsIdr(nonIdr, 0)).isFalse();
    assertThat(config.containsIdr(broken, 0)).isFalse();
  }

  @Test
  void refusesBrokenDecoderConfigurationRecords() {
    assertThatThrownBy(() -> AvcConfig.parse(new byte[] {1, 0x64, 0, 0x1f})).isInstanceOf(MediaFormatException.class);
    assertThatThrownBy(() -> AvcConfig.parse(new byte[] {0, 0x64, 0, 0x1f, -1, -31, 0, 4, 0x67, 0x64, 0, 0x1f}))
        .isInstanceOf(MediaFormatException.class);
    assertThatThrownBy(() -> AvcConfig.parse(new byte[] {1, 0x64, 0, 0x1f, -1, -31, 0, 40, 0x67}))
        .isInstanceOf(MediaFormatException.class).hasMessageContaining("truncated");
  }
}
