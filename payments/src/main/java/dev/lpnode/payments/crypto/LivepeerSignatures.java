package dev.lpnode.payments.crypto;

/**
 * go-livepeer's message signatures: {@code Sign(msg)} is an EIP-191 personal-sign over
 * keccak256(msg), not over msg itself. Gateways sign their address and each segment this way;
 * orchestrators sign ping values and rendition hashes (protocol.md §3–4, §7.4).
 */
public final class LivepeerSignatures {
  private LivepeerSignatures() {}

  public static byte[] sign(SigningKey key, byte[] message) {
    return key.signPersonal(Keccak.keccak256(message));
  }

  /** Whether {@code signature} is {@code signer}'s over {@code message} (65 bytes, v 27/28, low s). */
  public static boolean verify(EthAddress signer, byte[] message, byte[] signature) {
    return EthSignatures.verifyPersonal(signer, Keccak.keccak256(message), signature);
  }

  /** What a gateway signs to identify itself in GetOrchestrator: its own EIP-55 address string. */
  public static byte[] addressMessage(EthAddress address) {
    return address.toChecksumHex().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
