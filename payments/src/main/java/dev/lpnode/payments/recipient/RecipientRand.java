package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.Uint256;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * recipientRand = HMAC-SHA256(secret, seed ‖ sender ‖ faceValue ‖ winProb ‖ expirationBlock ‖
 * price.num ‖ price.den ‖ auxData), numbers as minimal big-endian bytes (protocol.md §5.3). Nothing
 * is stored per seed: a payment's echoed params recompute the same value, and a sender that alters
 * any of them (the price included) no longer matches the recipientRandHash it was given.
 */
final class RecipientRand {
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  RecipientRand(byte[] secret) {
    if (secret.length != 32) {
      throw new IllegalArgumentException("the recipient secret has 32 bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  BigInteger compute(BigInteger seed, EthAddress sender, BigInteger faceValue, BigInteger winProb,
      BigInteger expirationBlock, Rational pricePerPixel, byte[] auxData) {
    Mac mac = macs.get();
    mac.update(Uint256.minBytes(seed));
    mac.update(sender.toBytes());
    mac.update(Uint256.minBytes(faceValue));
    mac.update(Uint256.minBytes(winProb));
    mac.update(Uint256.minBytes(expirationBlock));
    mac.update(Uint256.minBytes(pricePerPixel.numerator()));
    mac.update(Uint256.minBytes(pricePerPixel.denominator()));
    mac.update(auxData);
    return new BigInteger(1, mac.doFinal());
  }
}
