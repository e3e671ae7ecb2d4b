package dev.lpnode.gateway.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private final Random random = new Random(42);

  @Test
  void aClientWithoutVersionGetsItsC1Echoed() throws Exception {
    byte[] c0c1 = new byte[1 + Handshake.PACKET_SIZE];
    random.nextBytes(c0c1);
    c0c1[0] = 3;
    Arrays.fill(c0c1, 5, 9, (byte) 0); // version zero: the original handshake

    byte[] s = Handshake.respond(c0c1, random, 1234);

    assertThat(s).hasSize(1 + 2 * Handshake.PACKET_SIZE);
    assertThat(s[0]).isEqualTo((byte) 3);
    assertThat(Arrays.copyOfRange(s, 1, 5)).containsExactly(0, 0, 4, (byte) 0xD2); // our uptime
    assertThat(Arrays.copyOfRange(s, 5, 9)).containsExactly(0, 0, 0, 0);
    assertThat(Arrays.copyOfRange(s, 1 + Handshake.PACKET_SIZE, s.length)).isEqualTo(Arrays.copyOfRange(c0c1, 1, c0c1.length));
  }

  @Test
  void aFlashStyleClientGetsServerDigestsItCanVerify() throws Exception {
    for (int scheme : new int[] {8, 772}) {
      byte[] c1 = new byte[Handshake.PACKET_SIZE];
      random.nextBytes(c1);
      c1[4] = 9; // a client version, as ffmpeg sends (9.0.124.2)
      int clientAt = Handshake.digestOffset(c1, scheme);
      byte[] clientDigest = Handshake.digest(c1, clientAt, Arrays.copyOf(Handshake.PLAYER_KEY, 30));
      System.arraycopy(clientDigest, 0, c1, clientAt, 32);
      byte[] c0c1 = new byte[1 + Handshake.PACKET_SIZE];
      c0c1[0] = 3;
      System.arraycopy(c1, 0, c0c1, 1, c1.length);

      byte[] s = Handshake.respond(c0c1, random, 0);

      // What a validating client (ffmpeg when playing, Flash) checks:
      byte[] s1 = Arrays.copyOfRange(s, 1, 1 + Handshake.PACKET_SIZE);
      byte[] s2 = Arrays.copyOfRange(s, 1 + Handshake.PACKET_SIZE, s.length);
      assertThat(s1[4]).isNotZero();
      int serverAt = Handshake.digestOffset(s1, scheme);
      assertThat(Arrays.copyOfRange(s1, serverAt, serverAt + 32))
          .isEqualTo(Handshake.digest(s1, serverAt, Arrays.copyOf(Handshake.SERVER_KEY, 36)));
      byte[] key = Handshake.hmac(Handshake.SERVER_KEY, clientDigest, 0, 32);
      assertThat(Arrays.copyOfRange(s2, Handshake.PACKET_SIZE - 32, Handshake.PACKET_SIZE))
          .isEqualTo(Handshake.hmac(key, s2, 0, Handshake.PACKET_SIZE - 32));
    }
  }

  @Test
  void aVersionedC1WithoutAValidDigestFallsBackToTheEcho() throws Exception {
    byte[] c0c1 = new byte[1 + Handshake.PACKET_SIZE];
    random.nextBytes(c0c1);
    c0c1[0] = 3;
    c0c1[5] = 10;

    byte[] s = Handshake.respond(c0c1, random, 0);

    assertThat(Arrays.copyOfRange(s, 1 + Handshake.PACKET_SIZE, s.length)).isEqualTo(Arrays.copyOfRange(c0c1, 1, c0c1.length));
  }

  @Test
  void refusesOtherVersionsAndRtmpe() {
    for (int version : new int[] {0, 6, 0x47}) {
      byte[] c0c1 = new byte[1 + Handshake.PACKET_SIZE];
      c0c1[0] = (byte) version;
      assertThatThrownBy(() -> Handshake.respond(c0c1, random, 0)).isInstanceOf(RtmpProtocolException.class)
          .hasMessageContaining("version " + version);
    }
  }
}
