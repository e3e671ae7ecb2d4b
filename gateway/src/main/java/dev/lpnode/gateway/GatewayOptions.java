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
 * @param maxPushBufferedBytes most HTTP push body bytes held at once, over all requests being read or
 *                        processed ({@code -maxPushMemory}, 600 MB; a body without Content-Length counts twice while it is read)
 * @param maxSegmentBytes largest RTMP segment (its GOP) held before the publisher is dropped
 * @param pushIdleTimeout an HTTP push stream without segments this long ends (go-livepeer: 60 s)
 * @param streamLinger    an ended stream's playlists stay readable this long
 * @param rtmpLimits      what one RTMP connection may cost
 * @param authWebhookUrl  {@code -authWebhookUrl}: asked to admit each new stream; {@code null} admits all
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
    long maxPushBufferedBytes,
    long maxSegmentBytes,
    Duration pushIdleTimeout,
    Duration streamLinger,
    RtmpLimits rtmpLimits,
    String authWebhookUrl) {

  /** go-livepeer's broadcaster default for {@code -transcodingOptions}. */
  public static final String DEFAULT_TRANSCODING_OPTIONS = "P240p30fps16x9,P360p30fps16x9";
  /** go-livepeer's MaxSegSize: 5 minutes at 8 Mbit/s. */
  public static final long MAX_SEG_SIZE = 300_000_000L;
  /** Push body bytes held at once by default: two of the largest bodies, or one sent without a length. */
  public static final long DEFAULT_MAX_PUSH_MEMORY = 2 * MAX_SEG_SIZE;

  public GatewayOptions {
    Objects.requireNonNull(rtmpAddr, "rtmpAddr");
    Objects.requireNonNull(httpAddr, "httpAddr");
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(rtmpLimits, "rtmpLimits");
    ladder = List.copyOf(ladder);
    if (segmentTarget.toMillis() < 100 || maxStreams < 1 || mediaWorkers < 1 || maxInFlight < 1 || maxPushBytes < 1
        || maxPushBufferedBytes < 1 || maxSegmentBytes < 1 || pushIdleTimeout.isNegative() || streamLinger.isNegative()) {
      throw new IllegalArgumentException("gateway options out of range");
    }
  }

  /** go-livepeer's defaults, with the given processor; change what differs with the builder. */
  public static Builder builder(SegmentProcessor processor) {
    return new Builder(processor);
  }

  /** Builds {@link GatewayOptions}, starting from go-livepeer's defaults. */
  public static final class Builder {
    private ListenAddress rtmpAddr = ListenAddress.parse("127.0.0.1:1935");
    private ListenAddress httpAddr = ListenAddress.parse("127.0.0.1:9935");
    private Duration segmentTarget = Duration.ofSeconds(2);
    private List<VideoProfile> ladder = LadderParser.parsePresets(DEFAULT_TRANSCODING_OPTIONS);
    private SegmentProcessor processor;
    private int maxStreams = 10;
    private int mediaWorkers = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int maxInFlight = 8;
    private long maxPushBytes = MAX_SEG_SIZE;
    private long maxPushBufferedBytes = DEFAULT_MAX_PUSH_MEMORY;
    private long maxSegmentBytes = 64L << 20;
    private Duration pushIdleTimeout = Duration.ofSeconds(60);
    private Duration streamLinger = Duration.ofSeconds(60);
    private RtmpLimits rtmpLimits = RtmpLimits.DEFAULT;
    private String authWebhookUrl;

    private Builder(SegmentProcessor processor) {
      this.processor = processor;
    }

    public Builder rtmpAddr(ListenAddress address) {
      this.rtmpAddr = address;
      return this;
    }

    public Builder httpAddr(ListenAddress address) {
      this.httpAddr = address;
      return this;
    }

    public Builder segmentTarget(Duration target) {
      this.segmentTarget = target;
      return this;
    }

    public Builder ladder(List<VideoProfile> profiles) {
      this.ladder = profiles;
      return this;
    }

    public Builder processor(SegmentProcessor segmentProcessor) {
      this.processor = segmentProcessor;
      return this;
    }

    public Builder maxStreams(int streams) {
      this.maxStreams = streams;
      return this;
    }

    public Builder mediaWorkers(int workers) {
      this.mediaWorkers = workers;
      return this;
    }

    public Builder maxInFlight(int segments) {
      this.maxInFlight = segments;
      return this;
    }

    public Builder maxPushBytes(long bytes) {
      this.maxPushBytes = bytes;
      return this;
    }

    public Builder maxPushBufferedBytes(long bytes) {
      this.maxPushBufferedBytes = bytes;
      return this;
    }

    public Builder maxSegmentBytes(long bytes) {
      this.maxSegmentBytes = bytes;
      return this;
    }

    public Builder pushIdleTimeout(Duration timeout) {
      this.pushIdleTimeout = timeout;
      return this;
    }

    public Builder streamLinger(Duration linger) {
      this.streamLinger = linger;
      return this;
    }

    public Builder rtmpLimits(RtmpLimits limits) {
      this.rtmpLimits = limits;
      return this;
    }

    public Builder authWebhookUrl(String url) {
      this.authWebhookUrl = url;
      return this;
    }

    public GatewayOptions build() {
      return new GatewayOptions(rtmpAddr, httpAddr, segmentTarget, ladder, processor, maxStreams, mediaWorkers,
          maxInFlight, maxPushBytes, maxPushBufferedBytes, maxSegmentBytes, pushIdleTimeout, streamLinger, rtmpLimits,
          authWebhookUrl);
    }
  }
}
