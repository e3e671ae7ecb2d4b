package dev.lpnode.gateway.media;

/** Reads bits and Exp-Golomb codes from an H.264 RBSP (emulation prevention bytes already removed). */
final class BitReader {
  private final byte[] data;
  private long bit;

  BitReader(byte[] data) {
    this.data = data;
  }

  int u(int n) throws MediaFormatException {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | u1();
    }
    return v;
  }

  int u1() throws MediaFormatException {
    int byteIndex = (int) (bit >>> 3);
    if (byteIndex >= data.length) {
      throw new MediaFormatException("H.264 parameter set ends too early");
    }
    int v = (data[byteIndex] >>> (7 - (int) (bit & 7))) & 1;
    bit++;
    return v;
  }

  /** ue(v). */
  int ue() throws MediaFormatException {
    int zeros = 0;
    while (u1() == 0) {
      if (++zeros > 31) {
        throw new MediaFormatException("invalid Exp-Golomb code in H.264 parameter set");
      }
    }
    return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : Integer.toUnsignedLong(u(zeros))));
  }

  /** se(v). */
  int se() throws MediaFormatException {
    int k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }
}
