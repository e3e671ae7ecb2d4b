package dev.lpnode.gateway.media;

import java.util.Arrays;

/**
 * An AVCDecoderConfigurationRecord (ISO 14496-15), as RTMP and FLV carry it in the AVC sequence
 * header: the decoder setup for length-prefixed H.264, and the stream's first SPS parsed.
 *
 * @param record the record's bytes, which become the muxer's extradata
 * @param sps    the first sequence parameter set, parsed
 * @param nalLengthSize bytes of each NAL unit's length prefix (1, 2 or 4)
 */
public record AvcConfig(byte[] record, H264Sps sps, int nalLengthSize) {

  public static AvcConfig parse(byte[] record) throws MediaFormatException {
    if (record.length < 8 || record[0] != 1) {
      throw new MediaFormatException("invalid AVC decoder configuration record");
    }
    int nalLengthSize = (record[4] & 0x03) + 1;
    if (nalLengthSize == 3) {
      throw new MediaFormatException("invalid NAL length size 3 in AVC decoder configuration record");
    }
    int spsCount = record[5] & 0x1F;
    if (spsCount < 1) {
      throw new MediaFormatException("AVC decoder configuration record without a sequence parameter set");
    }
    int length = ((record[6] & 0xFF) << 8) | (record[7] & 0xFF);
    if (8 + length > record.length) {
      throw new MediaFormatException("truncated sequence parameter set in AVC decoder configuration record");
    }
    H264Sps sps = H264Sps.parse(Arrays.copyOfRange(record, 8, 8 + length));
    return new AvcConfig(record.clone(), sps, nalLengthSize);
  }

  /** Whether a length-prefixed access unit holds an IDR slice, i.e. decoding can start there. */
  public boolean containsIdr(byte[] data, int offset) {
    int pos = offset;
    while (pos + nalLengthSize < data.length) {
      long size = 0;
      for (int i = 0; i < nalLengthSize; i++) {
        size = (size << 8) | (data[pos + i] & 0xFF);
      }
      pos += nalLengthSize;
      if (size <= 0 || size > data.length - pos) {
        return false;
      }
      if ((data[pos] & 0x1F) == 5) {
        return true;
      }
      pos += (int) size;
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AvcConfig other && Arrays.equals(record, other.record);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(record);
  }

  @Override
  public String toString() {
    return "AvcConfig[" + sps.codec() + " " + sps.width() + "x" + sps.height() + "]";
  }
}
