package dev.lpnode.gateway;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.SegmentProcessor;
import dev.lpnode.gateway.rtmp.RtmpLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run the gateway's ingest and playback.
 *
 * @param rtmpAddr        RTMP ingest ({@code -rtmpAddr}, default 127.0.0.1:1935)
 * @param httpAddr        HTTP push ingest and playback ({@code -httpAddr}, default 127.0.0.1:9935)
 * @param segmentTarget   shortest segment cut from RTMP (go-livepeer's SegLen, 2 s)
 * @param ladder          renditions for streams that do not bring their own ({@code -transcodingOptions})
 * @param processor       turns source segments into renditions
 * @param maxStreams      live streams at once ({@code -maxSessions}, default 10)
 * @param mediaWorkers    threads for remuxing and probing segments
 * @param maxInFlight     segments of one stream being processed at once; more are dropped
 * @param maxPushBytes    largest HTTP push body (go-livepeer's MaxSegSize, 300 MB)
 * @param maxSegmentBytes largest RTMP segment (its GOP) held before the publisher is dropped
 * @param pushIdleTimeout an HTTP push stream without segments this long ends (go-livepeer: 60 s)
 * @param streamLinger    an ended stream's playlists stay readable this long
 * @param rtmpLimits      what one RTMP connection may cost
 */
public record GatewayOptions(
    ListenAddress rtmpAddr,
    ListenAddress httpAddr,
    Duration segmentTarget,
    List<VideoProfile> ladder,
    SegmentProcessor processor,
    int maxStreams,
    int mediaWorkers,
    int maxInFlight,
    long maxPushBytes,
    long maxSegmentBytes,
    Duration pushIdleTimeout,
    Duration streamLinger,
    RtmpLimits rtmpLimits) {

  /** go-livepeer's broadcaster default for {@code -transcodingOptions}. */
  public static final String DEFAULT_TRANSCODING_OPTIONS = "P240p30fps16x9,P360p30fps16x9";
  /** go-livepeer's MaxSegSize: 5 minutes at 8 Mbit/s. */
  public static final long MAX_SEG_SIZE = 300_000_000L;

  public GatewayOptions {
    Objects.requireNonNull(rtmpAddr, "rtmpAddr");
    Objects.requireNonNull(httpAddr, "httpAddr");
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(rtmpLimits, "rtmpLimits");
    ladder = List.copyOf(ladder);
    if (segmentTarget.toMillis() < 100 || maxStreams < 1 || mediaWorkers < 1 || maxInFlight < 1 || maxPushBytes < 1
        || maxSegmentBytes < 1 || pushIdleTimeout.isNegative() || streamLinger.isNegative()) {
      throw new IllegalArgumentException("gateway options out of range");
    }
  }

  /** go-livepeer's defaults, with the given processor. */
  public static GatewayOptions defaults(SegmentProcessor processor) {
    return new GatewayOptions(ListenAddress.parse("127.0.0.1:1935"), ListenAddress.parse("127.0.0.1:9935"),
        Duration.ofSeconds(2), LadderParser.parsePresets(DEFAULT_TRANSCODING_OPTIONS), processor, 10,
        Math.max(2, Runtime.getRuntime().availableProcessors()), 8, MAX_SEG_SIZE, 64L << 20, Duration.ofSeconds(60),
        Duration.ofSeconds(60), RtmpLimits.DEFAULT);
  }

  public GatewayOptions withAddresses(ListenAddress rtmp, ListenAddress http) {
    return new GatewayOptions(rtmp, http, segmentTarget, ladder, processor, maxStreams, mediaWorkers, maxInFlight,
        maxPushBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, rtmpLimits);
  }

  public GatewayOptions withLadder(List<VideoProfile> newLadder) {
    return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, newLadder, processor, maxStreams, mediaWorkers,
        maxInFlight, maxPushBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, rtmpLimits);
  }

  public GatewayOptions withMaxStreams(int newMaxStreams) {
    return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, ladder, processor, newMaxStreams, mediaWorkers,
        maxInFlight, maxPushBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, rtmpLimits);
  }

  public GatewayOptions withMaxPushBytes(long newMaxPushBytes) {
    return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, ladder, processor, maxStreams, mediaWorkers,
        maxInFlight, newMaxPushBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, rtmpLimits);
  }

  public GatewayOptions withProcessor(SegmentProcessor newProcessor) {
    return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, ladder, newProcessor, maxStreams, mediaWorkers,
        maxInFlight, maxPushBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, rtmpLimits);
  }

  public GatewayOptions withStreamTimeouts(Duration newPushIdleTimeout, Duration newLinger) {
    return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, ladder, processor, maxStreams, mediaWorkers,
        maxInFlight, maxPushBytes, maxSegmentBytes, newPushIdleTimeout, newLinger, rtmpLimits);
  }

  public GatewayOptions withRtmpLimits(RtmpLimits newLimits) {
    return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, ladder, processor, maxStreams, mediaWorkers,
        maxInFlight, maxPushBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, newLimits);
  }
}
