package dev.lpnode.gateway.segmenter;

/**
 * Extends RTMP's 32-bit millisecond timestamps to 64 bits, so a stream may run past 49.7 days:
 * each timestamp becomes the 64-bit value nearest the latest one seen, which also places audio
 * that straggles across a wrap correctly. Not thread-safe.
 */
public final class TimestampExtender {
  private static final long WRAP = 1L << 32;
  private long latest = -1;

  public long extend(long timestamp) {
    if (latest < 0) {
      latest = timestamp;
      return timestamp;
    }
    long candidate = (latest & ~(WRAP - 1)) | (timestamp & (WRAP - 1));
    if (candidate < latest - WRAP / 2) {
      candidate += WRAP;
    } else if (candidate > latest + WRAP / 2 && candidate >= WRAP) {
      candidate -= WRAP;
    }
    latest = Math.max(latest, candidate);
    return candidate;
  }
}
