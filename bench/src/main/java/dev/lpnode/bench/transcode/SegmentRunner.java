package dev.lpnode.bench.transcode;

/** Transcodes one segment of a bench session and blocks until done. */
interface SegmentRunner extends AutoCloseable {
  /** @return encoded frames of the first rendition (livepeer_bench's {@code frames} column) */
  long transcode(int session, MediaPlaylist.Segment segment) throws Exception;

  /** CPU seconds spent transcoding so far (NaN where it cannot be measured). */
  double cpuSeconds();

  /** A session finished. */
  default void endSession(int session) {}

  @Override
  default void close() {}
}
