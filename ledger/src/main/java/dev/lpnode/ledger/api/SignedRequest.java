package dev.lpnode.ledger.api;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.EthSignatures;
import dev.lpnode.payments.crypto.Hex;
import dev.lpnode.payments.crypto.InvalidSignatureException;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How an account acts through the operator API with its own key, which never leaves the caller: the
 * caller signs (EIP-191 personal sign) a canonical text of the request and sends it in four
 * headers; the node recovers the signer and acts for it. The text binds the node's account (a
 * request signed for one node is refused by every other), the method, the path with its query, a
 * hash of the exact body bytes, a timestamp and a random nonce:
 *
 * <pre>
 * lpnode operator request v1
 * node 0x…            (the node's account, lowercase)
 * POST /bond
 * timestamp 1765000000000   (milliseconds since the epoch)
 * nonce 9f…           (16 random bytes, hex)
 * body 0x…            (keccak256 of the body)
 * </pre>
 */
public final class SignedRequest {
  public static final String ACCOUNT = "X-Lpnode-Account";
  public static final String TIMESTAMP = "X-Lpnode-Timestamp";
  public static final String NONCE = "X-Lpnode-Nonce";
  public static final String SIGNATURE = "X-Lpnode-Signature";
  /** How far a request's timestamp may be from the node's clock, either way. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(2);

  private static final SecureRandom RANDOM = new SecureRandom();

  private SignedRequest() {}

  /** The text the caller signs. */
  static byte[] message(EthAddress node, String method, String pathAndQuery, long timestampMillis, String nonce, byte[] body) {
    return ("lpnode operator request v1\nnode " + node.toHex() + "\n" + method + " " + pathAndQuery + "\ntimestamp "
        + timestampMillis + "\nnonce " + nonce + "\nbody " + Hex.encodePrefixed(Keccak.keccak256(body)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The headers that make a request to {@code node} act for {@code key}'s account, signed now. */
  public static Map<String, String> headers(SigningKey key, EthAddress node, String method, String pathAndQuery, byte[] body,
      long nowMillis) {
    byte[] nonceBytes = new byte[16];
    RANDOM.nextBytes(nonceBytes);
    String nonce = Hex.encode(nonceBytes);
    byte[] signature = key.signPersonal(message(node, method, pathAndQuery, nowMillis, nonce, body));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ACCOUNT, key.address().toChecksumHex());
    headers.put(TIMESTAMP, Long.toString(nowMillis));
    headers.put(NONCE, nonce);
    headers.put(SIGNATURE, Hex.encodePrefixed(signature));
    return headers;
  }

  /** A signed request the node refuses: its status (401; 409 for a replay, 503 when too many are in flight) and why. */
  static final class Refused extends Exception {
    final int status;
    /** A constant for the log, one per kind of refusal. */
    final String cause;

    Refused(int status, String cause, String message) {
      super(message);
      this.status = status;
      this.cause = "operator API: " + cause;
    }
  }

  /**
   * The account a request acts for, if it is signed: {@code header} reads its headers (null when
   * absent). Checks the headers' form, the timestamp, the signature, and last the nonce (so only a
   * valid request uses one up).
   */
  static EthAddress verify(Function<String, String> header, EthAddress node, String method, String pathAndQuery, byte[] body,
      long nowMillis, SeenNonces seen) throws Refused {
    String accountHex = header.apply(ACCOUNT);
    String timestampText = header.apply(TIMESTAMP);
    String nonce = header.apply(NONCE);
    String signatureHex = header.apply(SIGNATURE);
    if (accountHex == null || timestampText == null || nonce == null || signatureHex == null) {
      throw new Refused(401, "incomplete signed request", "refused: a signed request needs all of " + ACCOUNT + ", " + TIMESTAMP + ", " + NONCE + " and "
          + SIGNATURE);
    }
    EthAddress account;
    long timestamp;
    byte[] signature;
    try {
      account = EthAddress.fromHex(accountHex.strip());
      timestamp = Long.parseLong(timestampText.strip());
      signature = Hex.decode(signatureHex.strip());
    } catch (IllegalArgumentException e) {
      throw new Refused(401, "malformed signed request", "refused: malformed signed request headers (" + e.getMessage() + ")");
    }
    if (!nonce.matches("[0-9a-fA-F]{16,64}")) {
      throw new Refused(401, "malformed signed request", "refused: " + NONCE + " must be 16 to 64 hex digits");
    }
    long skew = Math.abs(nowMillis - timestamp);
    if (skew > MAX_SKEW.toMillis()) {
      throw new Refused(401, "stale signed request", "refused: stale signed request: its timestamp is " + skew / 1000 + " s from the node's clock (at most "
          + MAX_SKEW.toSeconds() + " s; sign it again, and check this machine's clock)");
    }
    EthAddress signer;
    try {
      signer = EthSignatures.recoverPersonalSigner(message(node, method, pathAndQuery, timestamp, nonce, body), signature);
    } catch (InvalidSignatureException e) {
      throw new Refused(401, "invalid request signature", "refused: invalid request signature (" + e.getMessage() + ")");
    }
    if (!signer.equals(account)) {
      throw new Refused(401, "signature by another key", "refused: the request's signature is not by " + account.toChecksumHex()
          + " (it was signed by another key, for another node, or for another request)");
    }
    switch (seen.add(account, nonce, timestamp + MAX_SKEW.toMillis(), nowMillis)) {
      case SEEN -> throw new Refused(409, "replayed signed request", "refused: replayed signed request (nonce " + nonce + " was used already)");
      case FULL -> throw new Refused(503, "too many signed requests", "refused: too many signed requests in the last " + MAX_SKEW.toSeconds() + " s; retry shortly");
      case NEW -> { }
    }
    return account;
  }
}
