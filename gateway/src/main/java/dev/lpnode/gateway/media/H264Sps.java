package dev.lpnode.gateway.media;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The fields of an H.264 sequence parameter set that playback needs: profile, constraint flags and
 * level (the CODECS attribute) and the cropped picture size (the RESOLUTION attribute).
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int width, int height) {

  /** RFC 6381 codec string, e.g. {@code avc1.64001f}. */
  public String codec() {
    return MediaInfo.avc1(profileIdc, constraintFlags, levelIdc);
  }

  /** Parses an SPS NAL unit (header byte included). */
  public static H264Sps parse(byte[] nal) throws MediaFormatException {
    if (nal.length < 4 || (nal[0] & 0x1F) != 7) {
      throw new MediaFormatException("not an H.264 sequence parameter set");
    }
    BitReader r = new BitReader(unescape(nal));
    r.u(8); // NAL header
    int profileIdc = r.u(8);
    int constraintFlags = r.u(8);
    int levelIdc = r.u(8);
    r.ue(); // seq_parameter_set_id
    int chromaFormatIdc = 1;
    boolean separateColourPlanes = false;
    if (hasChromaInfo(profileIdc)) {
      chromaFormatIdc = r.ue();
      if (chromaFormatIdc > 3) {
        throw new MediaFormatException("invalid chroma_format_idc " + chromaFormatIdc);
      }
      if (chromaFormatIdc == 3) {
        separateColourPlanes = r.u1() == 1;
      }
      r.ue(); // bit_depth_luma_minus8
      r.ue(); // bit_depth_chroma_minus8
      r.u1(); // qpprime_y_zero_transform_bypass_flag
      if (r.u1() == 1) { // seq_scaling_matrix_present_flag
        for (int i = 0; i < (chromaFormatIdc != 3 ? 8 : 12); i++) {
          if (r.u1() == 1) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.ue(); // log2_max_frame_num_minus4
    int picOrderCntType = r.ue();
    if (picOrderCntType == 0) {
      r.ue(); // log2_max_pic_order_cnt_lsb_minus4
    } else if (picOrderCntType == 1) {
      r.u1(); // delta_pic_order_always_zero_flag
      r.se(); // offset_for_non_ref_pic
      r.se(); // offset_for_top_to_bottom_field
      int cycle = r.ue();
      if (cycle > 255) {
        throw new MediaFormatException("invalid num_ref_frames_in_pic_order_cnt_cycle " + cycle);
      }
      for (int i = 0; i < cycle; i++) {
        r.se();
      }
    }
    r.ue(); // max_num_ref_frames
    r.u1(); // gaps_in_frame_num_value_allowed_flag
    long widthMbs = r.ue() + 1L;
    long heightMapUnits = r.ue() + 1L;
    int frameMbsOnly = r.u1();
    if (frameMbsOnly == 0) {
      r.u1(); // mb_adaptive_frame_field_flag
    }
    r.u1(); // direct_8x8_inference_flag
    long cropLeft = 0;
    long cropRight = 0;
    long cropTop = 0;
    long cropBottom = 0;
    if (r.u1() == 1) {
      cropLeft = r.ue();
      cropRight = r.ue();
      cropTop = r.ue();
      cropBottom = r.ue();
    }
    int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
    int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
    int subHeightC = chromaArrayType == 1 ? 2 : 1;
    long cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
    long cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (2L - frameMbsOnly);
    long width = widthMbs * 16 - (cropLeft + cropRight) * cropUnitX;
    long height = (2 - frameMbsOnly) * heightMapUnits * 16 - (cropTop + cropBottom) * cropUnitY;
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
      throw new MediaFormatException("H.264 picture size " + width + "x" + height + " out of range");
    }
    return new H264Sps(profileIdc, constraintFlags, levelIdc, (int) width, (int) height);
  }

  /** The first SPS in Annex B data (start codes), e.g. MPEG-TS extradata; null if none. */
  public static byte[] findInAnnexB(byte[] data) {
    int start = startCode(data, 0);
    while (start >= 0) {
      start += 3;
      int next = startCode(data, start);
      int end = next < 0 ? data.length : next;
      while (end > start && data[end - 1] == 0) {
        end--; // the leading zero of a four-byte start code, or trailing padding
      }
      if (end > start && (data[start] & 0x1F) == 7) {
        return Arrays.copyOfRange(data, start, end);
      }
      start = next;
    }
    return null;
  }

  /** Index of the next {@code 00 00 01} at or after {@code from}, or -1. */
  private static int startCode(byte[] data, int from) {
    for (int i = from; i + 2 < data.length; i++) {
      if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasChromaInfo(int profileIdc) {
    return switch (profileIdc) {
      case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
      default -> false;
    };
  }

  private static void skipScalingList(BitReader r, int size) throws MediaFormatException {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size && next != 0; j++) {
      next = (last + r.se() + 256) % 256;
      last = next == 0 ? last : next;
    }
  }

  /** Removes emulation prevention bytes (00 00 03 → 00 00). */
  static byte[] unescape(byte[] nal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
    int zeros = 0;
    for (byte b : nal) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out.write(b);
    }
    return out.toByteArray();
  }
}
