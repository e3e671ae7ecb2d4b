package dev.lpnode.gateway.rtmp;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of the RTMP handshake: from C0+C1 to S0+S1+S2.
 *
 * <p>A client whose C1 carries a version (Flash Player 9 and later, ffmpeg, many encoders) gets the
 * digest handshake: S1 carries an HMAC-SHA256 digest keyed with the server's key, and S2 is signed
 * with a key derived from the client's digest, so clients that validate the server accept us. A
 * client with a zero version, or whose digest does not validate, gets the original handshake (S2
 * echoes C1). C2 is read and ignored, as every server does: clients disagree on what it holds.
 */
final class Handshake {
  static final int VERSION = 3;
  static final int PACKET_SIZE = 1536;
  private static final int DIGEST_SIZE = 32;

  private static final byte[] KEY_TAIL = {
      (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
      (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
      (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
      (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE};
  /** "Genuine Adobe Flash Player 001": the client signs C1 with it. */
  static final byte[] PLAYER_KEY = withTail("Genuine Adobe Flash Player 001");
  static final int PLAYER_KEY_OPEN_PART = 30;
  /** "Genuine Adobe Flash Media Server 001": the server signs S1 with the first 36 bytes, S2 with all. */
  static final byte[] SERVER_KEY = withTail("Genuine Adobe Flash Media Server 001");
  static final int SERVER_KEY_OPEN_PART = 36;
  private static final byte[] SERVER_VERSION = {0x0D, 0x0E, 0x0A, 0x0D};

  private Handshake() {}

  /**
   * S0+S1+S2 for a client's C0+C1 ({@code 1 + 1536} bytes).
   *
   * @throws RtmpProtocolException if C0 asks for anything but plain RTMP version 3
   */
  static byte[] respond(byte[] c0c1, Random random, long uptimeMillis) throws RtmpProtocolException {
    if (c0c1.length != 1 + PACKET_SIZE) {
      throw new IllegalArgumentException("C0+C1 must be 1537 bytes");
    }
    checkVersion(c0c1[0]);
    byte[] c1 = Arrays.copyOfRange(c0c1, 1, 1 + PACKET_SIZE);
    byte[] out = new byte[1 + 2 * PACKET_SIZE];
    out[0] = VERSION;
    int clientDigestAt = c1[4] == 0 && c1[5] == 0 && c1[6] == 0 && c1[7] == 0 ? -1 : findClientDigest(c1);
    byte[] s1 = new byte[PACKET_SIZE];
    random.nextBytes(s1);
    writeInt(s1, 0, (int) uptimeMillis);
    byte[] s2;
    if (clientDigestAt < 0) {
      Arrays.fill(s1, 4, 8, (byte) 0);
      s2 = c1.clone();
    } else {
      System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
      // Sign S1 with the digest placed where the client placed its own.
      int scheme = clientDigestAt >= 772 ? 772 : 8;
      int at = digestOffset(s1, scheme);
      byte[] s1Digest = digest(s1, at, Arrays.copyOf(SERVER_KEY, SERVER_KEY_OPEN_PART));
      System.arraycopy(s1Digest, 0, s1, at, DIGEST_SIZE);
      s2 = new byte[PACKET_SIZE];
      random.nextBytes(s2);
      byte[] clientDigest = Arrays.copyOfRange(c1, clientDigestAt, clientDigestAt + DIGEST_SIZE);
      byte[] s2Key = hmac(SERVER_KEY, clientDigest, 0, DIGEST_SIZE);
      byte[] signature = hmac(s2Key, s2, 0, PACKET_SIZE - DIGEST_SIZE);
      System.arraycopy(signature, 0, s2, PACKET_SIZE - DIGEST_SIZE, DIGEST_SIZE);
    }
    System.arraycopy(s1, 0, out, 1, PACKET_SIZE);
    System.arraycopy(s2, 0, out, 1 + PACKET_SIZE, PACKET_SIZE);
    return out;
  }

  /** C0 must ask for plain RTMP: checked on the first byte, so a stranger is dropped at once. */
  static void checkVersion(byte c0) throws RtmpProtocolException {
    int version = c0 & 0xFF;
    if (version != VERSION) {
      throw new RtmpProtocolException("unsupported RTMP version " + version + " in C0 (RTMPE and others are not served)");
    }
  }

  /** Offset of a valid client digest in C1 (either of the two layouts), or -1. */
  static int findClientDigest(byte[] c1) {
    byte[] key = Arrays.copyOf(PLAYER_KEY, PLAYER_KEY_OPEN_PART);
    for (int scheme : new int[] {772, 8}) {
      int at = digestOffset(c1, scheme);
      if (Arrays.equals(digest(c1, at, key), 0, DIGEST_SIZE, c1, at, at + DIGEST_SIZE)) {
        return at;
      }
    }
    return -1;
  }

  /**
   * Where the digest sits in a packet: four bytes at {@code base} sum to an offset into the 728
   * bytes after them (base 8: the "time/version, digest, key" layout; base 772: "key, digest").
   */
  static int digestOffset(byte[] packet, int base) {
    int sum = (packet[base] & 0xFF) + (packet[base + 1] & 0xFF) + (packet[base + 2] & 0xFF) + (packet[base + 3] & 0xFF);
    return sum % 728 + base + 4;
  }

  /** HMAC-SHA256 of the packet without the 32 digest bytes at {@code at}. */
  static byte[] digest(byte[] packet, int at, byte[] key) {
    Mac mac = mac(key);
    mac.update(packet, 0, at);
    mac.update(packet, at + DIGEST_SIZE, packet.length - at - DIGEST_SIZE);
    return mac.doFinal();
  }

  static byte[] hmac(byte[] key, byte[] data, int offset, int length) {
    Mac mac = mac(key);
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] withTail(String text) {
    byte[] head = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] key = Arrays.copyOf(head, head.length + KEY_TAIL.length);
    System.arraycopy(KEY_TAIL, 0, key, head.length, KEY_TAIL.length);
    return key;
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
