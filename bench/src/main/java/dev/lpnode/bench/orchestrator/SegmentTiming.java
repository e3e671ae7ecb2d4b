package dev.lpnode.bench.orchestrator;

/**
 * One segment's times, in nanoseconds, as the gateway saw them.
 *
 * @param prepareNanos  before sending: the segment's hash and signature, and the tickets
 * @param headersNanos  POST /segment sent until its 200 headers (upload, credentials and payment checked)
 * @param resultNanos   POST /segment sent until the TranscodeResult was read
 * @param downloadNanos after that, until every rendition was downloaded (in parallel)
 */
public record SegmentTiming(long prepareNanos, long headersNanos, long resultNanos, long downloadNanos) {
  /** POST /segment sent until every rendition is downloaded: what the overhead target is about. */
  long roundTripNanos() {
    return resultNanos + downloadNanos;
  }
}
