package dev.lpnode.orchestrator.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code -orchSecret} transcoders present. Compared in constant time over SHA-256 digests, so
 * neither the content nor the length of the secret leaks through timing. {@code toString} hides it.
 */
final class SharedSecret {
  private final byte[] digest;

  SharedSecret(String secret) {
    this.digest = sha256(secret);
  }

  boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SharedSecret[hidden]";
  }
}
