package dev.lpnode.orchestrator.session;

import dev.lpnode.wire.net.AuthToken;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session auth tokens as go-livepeer issues them: an 8-hex-digit session ID, an expiry 30 minutes
 * out, and token = HMAC-SHA256(secret, session ID ‖ minimal big-endian bytes of the expiry). The
 * secret is random per process, so tokens die with a restart.
 */
public final class AuthTokens {
  public static final Duration VALIDITY = Duration.ofMinutes(30);

  private final SecretKeySpec key;
  private final Clock clock;
  private final SecureRandom random;

  public AuthTokens(byte[] secret, Clock clock, SecureRandom random) {
    if (secret.length != 32) {
      throw new IllegalArgumentException("auth token secret must be 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
    this.random = random;
  }

  public static AuthTokens withRandomSecret(Clock clock) {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new AuthTokens(secret, clock, random);
  }

  /** A token for a new session. */
  public AuthToken issue() {
    byte[] id = new byte[4];
    random.nextBytes(id);
    long expiration = clock.instant().plus(VALIDITY).getEpochSecond();
    return token(HexFormat.of().formatHex(id), expiration);
  }

  /** The token for a known session ID and expiry (go-livepeer's {@code AuthToken(sessionID, expiration)}). */
  public AuthToken token(String sessionId, long expiration) {
    return AuthToken.newBuilder()
        .setSessionId(sessionId)
        .setExpiration(expiration)
        .setToken(com.google.protobuf.ByteString.copyFrom(mac(sessionId, expiration)))
        .build();
  }

  /** Whether the token is one this process issued (expiry is checked separately: see {@link #expired}). */
  public boolean authentic(AuthToken token) {
    return MessageDigest.isEqual(mac(token.getSessionId(), token.getExpiration()), token.getToken().toByteArray());
  }

  public boolean expired(AuthToken token) {
    return clock.instant().getEpochSecond() > token.getExpiration();
  }

  private byte[] mac(String sessionId, long expiration) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(sessionId.getBytes(StandardCharsets.UTF_8));
      mac.update(minimalBytes(expiration));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Go's {@code big.Int.Bytes()}: minimal big-endian magnitude, empty for zero. */
  private static byte[] minimalBytes(long value) {
    if (value == 0) {
      return new byte[0];
    }
    byte[] raw = BigInteger.valueOf(value).abs().toByteArray();
    return raw[0] == 0 ? java.util.Arrays.copyOfRange(raw, 1, raw.length) : raw;
  }
}
