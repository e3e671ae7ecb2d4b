package dev.lpnode.orchestrator.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.wire.net.AuthToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AuthTokensTest {
  private static final byte[] SECRET = new byte[32];
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void tokenIsHmacOfSessionIdAndMinimalExpiryBytes() throws Exception {
    AuthTokens tokens = new AuthTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    AuthToken t = tokens.issue();
    assertThat(t.getSessionId()).matches("[0-9a-f]{8}");
    assertThat(t.getExpiration()).isEqualTo(NOW.getEpochSecond() + 1800);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    mac.update(t.getSessionId().getBytes());
    mac.update(HexFormat.of().parseHex("6553f808")); // 1700001800 as minimal big-endian bytes
    assertThat(t.getToken().toByteArray()).isEqualTo(mac.doFinal());
    assertThat(tokens.authentic(t)).isTrue();
  }

  @Test
  void forgedOrExpiredTokensAreRecognised() {
    AuthTokens tokens = new AuthTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    AuthToken t = tokens.issue();
    assertThat(tokens.authentic(t.toBuilder().setExpiration(t.getExpiration() + 1).build())).isFalse();
    assertThat(tokens.authentic(t.toBuilder().setSessionId("00000000").build())).isFalse();
    AuthTokens otherProcess = AuthTokens.withRandomSecret(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(otherProcess.authentic(t)).isFalse();

    AuthTokens later = new AuthTokens(SECRET, Clock.fixed(NOW.plusSeconds(1801), ZoneOffset.UTC), new SecureRandom());
    assertThat(later.authentic(t)).isTrue();
    assertThat(later.expired(t)).isTrue();
    assertThat(tokens.expired(t)).isFalse();
  }
}
