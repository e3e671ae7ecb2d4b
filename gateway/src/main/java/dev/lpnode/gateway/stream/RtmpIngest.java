package dev.lpnode.gateway.stream;

import dev.lpnode.config.ladder.LadderException;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.StreamConfig;
import dev.lpnode.gateway.rtmp.PublishException;
import dev.lpnode.gateway.rtmp.PublishHandler;
import dev.lpnode.gateway.rtmp.PublishRequest;
import dev.lpnode.gateway.rtmp.PublishSink;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Accepts RTMP publications: {@code rtmp://host/<app>/<streamKey>} becomes the stream with
 * manifest ID {@code <streamKey>} (the part before any {@code /} or {@code ?}, as go-livepeer reads
 * it), or a random ID when the key is empty, unless the auth webhook ({@link StreamAdmission})
 * names it and its ladder or refuses it. A key that is live already, or one over the stream limit,
 * is refused.
 */
public final class RtmpIngest implements PublishHandler {
  private final StreamRegistry registry;
  private final StreamAdmission admission;
  private final SegmentPipeline pipeline;
  private final WorkerExecutor media;
  private final List<VideoProfile> ladder;
  private final long targetMs;
  private final long maxSegmentBytes;
  private final SecureRandom random = new SecureRandom();

  public RtmpIngest(StreamRegistry registry, StreamAdmission admission, SegmentPipeline pipeline, WorkerExecutor media,
      List<VideoProfile> ladder, long targetMs, long maxSegmentBytes) {
    this.registry = registry;
    this.admission = admission;
    this.pipeline = pipeline;
    this.media = media;
    this.ladder = List.copyOf(ladder);
    this.targetMs = targetMs;
    this.maxSegmentBytes = maxSegmentBytes;
  }

  @Override
  public Future<PublishSink> onPublish(PublishRequest request) {
    String manifestId = manifestId(request.streamName());
    if (manifestId.isEmpty()) {
      byte[] id = new byte[4];
      random.nextBytes(id);
      manifestId = HexFormat.of().formatHex(id);
    }
    return admission.rtmp(manifestId, request.tcUrl() + "/" + request.streamName())
        .recover(e -> Future.failedFuture(new PublishException("Forbidden: Authentication denied: " + e.getMessage())))
        .compose(admitted -> {
          try {
            List<VideoProfile> profiles = admitted.config().isPresent() ? admitted.config().get().ladder(ladder) : ladder;
            LiveStream stream = registry.openRtmp(new StreamConfig(admitted.manifestId(), profiles));
            return Future.succeededFuture(new RtmpPublication(stream, registry, pipeline, media, targetMs, maxSegmentBytes));
          } catch (StreamRejectedException | LadderException e) {
            return Future.failedFuture(new PublishException(e.getMessage()));
          }
        });
  }

  /** The manifest ID a stream name gives: up to the first {@code /} or {@code ?}. */
  static String manifestId(String streamName) {
    int end = streamName.length();
    for (int i = 0; i < streamName.length(); i++) {
      char c = streamName.charAt(i);
      if (c == '/' || c == '?') {
        end = i;
        break;
      }
    }
    return streamName.substring(0, end);
  }
}
