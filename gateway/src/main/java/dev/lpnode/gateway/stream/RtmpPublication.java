package dev.lpnode.gateway.stream;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.media.MediaFormatException;
import dev.lpnode.gateway.rtmp.PublishException;
import dev.lpnode.gateway.rtmp.PublishSink;
import dev.lpnode.gateway.segmenter.FlvSegmenter;
import dev.lpnode.gateway.segmenter.SegmentPlan;
import dev.lpnode.gateway.segmenter.SegmenterException;
import dev.lpnode.gateway.segmenter.TsMuxer;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP publication: its media goes through the segmenter on the connection's event loop; each
 * cut segment is remuxed to MPEG-TS on the media worker pool and handed to the pipeline, whose
 * order is fixed at the cut.
 */
final class RtmpPublication implements PublishSink {
  private static final Logger LOG = LoggerFactory.getLogger(RtmpPublication.class);

  private final LiveStream stream;
  private final StreamRegistry registry;
  private final SegmentPipeline pipeline;
  private final WorkerExecutor media;
  private final FlvSegmenter segmenter;

  RtmpPublication(LiveStream stream, StreamRegistry registry, SegmentPipeline pipeline, WorkerExecutor media,
      long targetMs, long maxSegmentBytes) {
    this.stream = stream;
    this.registry = registry;
    this.pipeline = pipeline;
    this.media = media;
    this.segmenter = new FlvSegmenter(stream.manifestId(), targetMs, maxSegmentBytes, System::nanoTime,
        this::segmented);
  }

  @Override
  public void onMetadata(Map<String, Object> metadata) {
    segmenter.metadata(metadata);
  }

  @Override
  public void onVideo(long timestamp, byte[] payload) throws PublishException {
    feed(() -> segmenter.video(timestamp, payload));
  }

  @Override
  public void onAudio(long timestamp, byte[] payload) throws PublishException {
    feed(() -> segmenter.audio(timestamp, payload));
  }

  /** Media the segmenter cannot take ends the publication, with the reason. */
  private void feed(SegmenterStep step) throws PublishException {
    try {
      step.run();
    } catch (SegmenterException | MediaFormatException e) {
      throw new PublishException("stream " + stream.manifestId() + ": " + e.getMessage());
    }
  }

  private interface SegmenterStep {
    void run() throws SegmenterException, MediaFormatException;
  }

  @Override
  public void onEnd() {
    segmenter.finish();
    registry.end(stream);
    LOG.info("stream {}: RTMP publication ended", stream.manifestId());
  }

  private void segmented(SegmentPlan plan) {
    boolean audioOnly = plan.video() == null;
    pipeline.submit(stream, media.executeBlocking(() -> new SourceSegment(stream.config(), plan.seq(),
        TsMuxer.mux(plan), plan.durationMs(), VideoProfile.Format.MPEGTS, plan.mediaInfo(), audioOnly ? "" : "h264",
        audioOnly), false),
        plan.cutNanos());
  }
}
