package dev.lpnode.orchestrator.badge;

import dev.lpnode.ledger.StakeBadge;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Hex;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * A badge and the orchestrator's signature over its canonical encoding, made like go-livepeer's
 * other orchestrator signatures: EIP-191 personal-sign over keccak256({@link StakeBadge#canonical()}).
 */
public record SignedBadge(StakeBadge badge, byte[] signature) {
  public static SignedBadge sign(StakeBadge badge, SigningKey key) {
    if (!key.address().equals(badge.orchestrator())) {
      throw new IllegalArgumentException("a badge is signed by its own orchestrator");
    }
    return new SignedBadge(badge, LivepeerSignatures.sign(key, badge.canonical()));
  }

  /** Whether the signature is the badge's orchestrator's. */
  public boolean authentic() {
    return LivepeerSignatures.verify(badge.orchestrator(), badge.canonical(), signature);
  }

  /** As {@code /status} shows it: every signed field (big numbers as decimal strings), the encoding's name and the signature. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("Orchestrator", badge.orchestrator().toChecksumHex())
        .put("Round", badge.round())
        .put("Tier", badge.tier())
        .put("Stake", badge.stake().toString())
        .put("FromRound", badge.fromRound())
        .put("VerifiedSegments", badge.verifiedSegments())
        .put("FailedSegments", badge.failedSegments())
        .put("Pixels", badge.pixels().toString())
        .put("SuccessRatePpm", badge.successRatePpm())
        .put("Encoding", StakeBadge.VERSION)
        .put("Signature", Hex.encodePrefixed(signature));
  }

  /**
   * Reads {@link #toJson()}'s form back, as a gateway or player that checks a badge would; throws
   * {@link IllegalArgumentException} if a field is missing or the encoding is not this one.
   */
  public static SignedBadge fromJson(JsonObject json) {
    try {
      if (!StakeBadge.VERSION.equals(json.getString("Encoding"))) {
        throw new IllegalArgumentException("unknown badge encoding: " + json.getString("Encoding"));
      }
      StakeBadge badge = new StakeBadge(EthAddress.fromHex(json.getString("Orchestrator")), json.getLong("Round"),
          json.getInteger("Tier"), new BigInteger(json.getString("Stake")), json.getLong("FromRound"),
          json.getLong("VerifiedSegments"), json.getLong("FailedSegments"), new BigInteger(json.getString("Pixels")),
          json.getLong("SuccessRatePpm"));
      return new SignedBadge(badge, Hex.decode(json.getString("Signature")));
    } catch (NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("incomplete badge: " + json.encode(), e);
    }
  }
}
