package dev.lpnode.gateway.segmenter;

/**
 * The headers of FLV audio and video tag bodies, which RTMP audio and video messages carry.
 * Supported: H.264 video (codec ID 7) and AAC audio (sound format 10), what OBS and ffmpeg send.
 */
public final class FlvTags {
  public static final int AVC_SEQUENCE_HEADER = 0;
  public static final int AVC_NALU = 1;
  public static final int AAC_SEQUENCE_HEADER = 0;
  public static final int AAC_RAW = 1;
  private static final int CODEC_AVC = 7;
  private static final int FORMAT_AAC = 10;
  private static final int FRAME_KEY = 1;
  private static final int FRAME_COMMAND = 5;

  private FlvTags() {}

  /**
   * A video tag header.
   *
   * @param keyframe        frame type 1 (the encoder says decoding can start here)
   * @param command         frame type 5: a video info/command frame without a picture
   * @param packetType      {@link #AVC_SEQUENCE_HEADER}, {@link #AVC_NALU} or 2 (end of sequence)
   * @param compositionTime PTS minus DTS, ms
   * @param dataOffset      where the configuration record or the NAL units start
   */
  public record Video(boolean keyframe, boolean command, int packetType, int compositionTime, int dataOffset) {}

  /**
   * An audio tag header.
   *
   * @param aac        sound format 10
   * @param soundFormat the FLV sound format
   * @param packetType {@link #AAC_SEQUENCE_HEADER} or {@link #AAC_RAW} for AAC
   * @param dataOffset where the AudioSpecificConfig or the raw frame starts
   */
  public record Audio(boolean aac, int soundFormat, int packetType, int dataOffset) {}

  public static Video video(byte[] tag) throws SegmenterException {
    if (tag.length < 1) {
      throw new SegmenterException("empty video message");
    }
    int b0 = tag[0] & 0xFF;
    if ((b0 & 0x80) != 0) {
      throw new SegmenterException("enhanced RTMP video (HEVC, AV1, VP9) is not supported: publish H.264");
    }
    int frameType = b0 >>> 4;
    if (frameType == FRAME_COMMAND) {
      return new Video(false, true, -1, 0, 1);
    }
    int codecId = b0 & 0x0F;
    if (codecId != CODEC_AVC) {
      throw new SegmenterException("unsupported video codec ID " + codecId + " in FLV: publish H.264");
    }
    if (tag.length < 5) {
      throw new SegmenterException("truncated AVC video message of " + tag.length + " bytes");
    }
    int cts = ((tag[2] & 0xFF) << 16) | ((tag[3] & 0xFF) << 8) | (tag[4] & 0xFF);
    cts = (cts << 8) >> 8; // sign-extend 24 bits
    return new Video(frameType == FRAME_KEY, false, tag[1] & 0xFF, cts, 5);
  }

  public static Audio audio(byte[] tag) throws SegmenterException {
    if (tag.length < 1) {
      throw new SegmenterException("empty audio message");
    }
    int format = (tag[0] & 0xFF) >>> 4;
    if (format != FORMAT_AAC) {
      return new Audio(false, format, -1, 1);
    }
    if (tag.length < 2) {
      throw new SegmenterException("truncated AAC audio message");
    }
    return new Audio(true, format, tag[1] & 0xFF, 2);
  }
}
