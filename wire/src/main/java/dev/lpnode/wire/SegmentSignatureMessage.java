package dev.lpnode.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a gateway signs for each segment (spec/protocol.md §4.2): UTF-8(manifestId) ‖ u256(|seq|)
 * ‖ keccak256(segment) ‖ ASCII(hex of the profile IDs). The signature is personal-sign over the
 * keccak256 of this message.
 */
public final class SegmentSignatureMessage {
  private SegmentSignatureMessage() {}

  public static byte[] flatten(byte[] manifestId, long seq, byte[] segmentHash, List<String> profileNames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(manifestId);
    out.writeBytes(u256(BigInteger.valueOf(seq).abs()));
    // go-livepeer reads the hash as a 32-byte word (left-padded or cropped to its last 32 bytes).
    out.writeBytes(u256(new BigInteger(1, segmentHash)));
    out.writeBytes(ProfileIds.hex(profileNames).getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] u256(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
