package dev.lpnode.gateway.media;

import java.util.Arrays;

/**
 * An MPEG-4 AudioSpecificConfig, as RTMP and FLV carry it in the AAC sequence header.
 *
 * @param config          the bytes, which become the muxer's extradata
 * @param audioObjectType 2 for AAC LC, 5 for HE-AAC, ...
 * @param sampleRate      in Hz
 * @param channels        channel count (0: defined in the stream, treated as stereo by muxers)
 */
public record AacConfig(byte[] config, int audioObjectType, int sampleRate, int channels) {
  private static final int[] SAMPLE_RATES = {
      96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

  public static AacConfig parse(byte[] config) throws MediaFormatException {
    if (config.length < 2) {
      throw new MediaFormatException("AAC AudioSpecificConfig shorter than 2 bytes");
    }
    try {
      BitReader r = new BitReader(config);
      int objectType = r.u(5);
      if (objectType == 31) {
        objectType = 32 + r.u(6);
      }
      int frequencyIndex = r.u(4);
      int sampleRate;
      if (frequencyIndex == 15) {
        sampleRate = r.u(24);
      } else if (frequencyIndex < SAMPLE_RATES.length) {
        sampleRate = SAMPLE_RATES[frequencyIndex];
      } else {
        throw new MediaFormatException("invalid AAC sampling frequency index " + frequencyIndex);
      }
      int channels = r.u(4);
      if (objectType == 0 || sampleRate <= 0) {
        throw new MediaFormatException("invalid AAC AudioSpecificConfig");
      }
      return new AacConfig(config.clone(), objectType, sampleRate, channels);
    } catch (MediaFormatException e) {
      throw new MediaFormatException("invalid AAC AudioSpecificConfig: " + e.getMessage());
    }
  }

  public String codec() {
    return MediaInfo.mp4a(audioObjectType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AacConfig other && Arrays.equals(config, other.config);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(config);
  }

  @Override
  public String toString() {
    return "AacConfig[" + codec() + " " + sampleRate + " Hz, " + channels + " ch]";
  }
}
