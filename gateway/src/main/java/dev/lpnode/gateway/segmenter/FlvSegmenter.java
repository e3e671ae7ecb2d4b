package dev.lpnode.gateway.segmenter;

import dev.lpnode.gateway.media.AacConfig;
import dev.lpnode.gateway.media.AvcConfig;
import dev.lpnode.gateway.media.MediaFormatException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments a stream of FLV tag bodies, as RTMP delivers them: reads the H.264 and AAC
 * configurations and frames, extends the 32-bit timestamps, and feeds the {@link GopSegmenter}.
 * A keyframe counts only if it holds an IDR, so every segment decodes on its own. Not thread-safe.
 */
public final class FlvSegmenter {
  private static final Logger LOG = LoggerFactory.getLogger(FlvSegmenter.class);

  private final String name;
  private final GopSegmenter segmenter;
  private final TimestampExtender timestamps = new TimestampExtender();
  private AvcConfig avc;
  private boolean warnedAudio;

  /**
   * @param name           for logs
   * @param targetMs       shortest segment
   * @param maxSegmentBytes largest GOP held before the stream is refused
   * @param nanoClock      stamps the moment each segment is cut
   * @param output         receives each segment, in order
   */
  public FlvSegmenter(String name, long targetMs, long maxSegmentBytes, LongSupplier nanoClock,
      Consumer<SegmentPlan> output) {
    this.name = name;
    // lpms gives up on a stream without a keyframe for 10 segment lengths.
    this.segmenter = new GopSegmenter(targetMs, 10 * targetMs, maxSegmentBytes, nanoClock, output);
  }

  public void metadata(Map<String, Object> metadata) {
    if (metadata.containsKey("audiocodecid") && !metadata.containsKey("videocodecid")) {
      segmenter.audioOnly();
    }
  }

  public void video(long timestamp, byte[] tag) throws SegmenterException, MediaFormatException {
    FlvTags.Video header = FlvTags.video(tag);
    long ts = timestamps.extend(timestamp);
    if (header.command()) {
      return;
    }
    if (header.packetType() == FlvTags.AVC_SEQUENCE_HEADER) {
      avc = AvcConfig.parse(Arrays.copyOfRange(tag, header.dataOffset(), tag.length));
      segmenter.videoConfig(avc);
    } else if (header.packetType() == FlvTags.AVC_NALU && avc != null && tag.length > header.dataOffset()) {
      boolean keyframe = header.keyframe() && avc.containsIdr(tag, header.dataOffset());
      segmenter.video(ts, ts + header.compositionTime(), keyframe,
          Arrays.copyOfRange(tag, header.dataOffset(), tag.length));
    }
  }

  public void audio(long timestamp, byte[] tag) throws SegmenterException, MediaFormatException {
    FlvTags.Audio header = FlvTags.audio(tag);
    long ts = timestamps.extend(timestamp);
    if (!header.aac()) {
      if (!warnedAudio) {
        warnedAudio = true;
        LOG.warn("stream {}: ignoring audio in FLV sound format {}; only AAC is segmented", name, header.soundFormat());
      }
      return;
    }
    if (header.packetType() == FlvTags.AAC_SEQUENCE_HEADER) {
      // ffmpeg copying ADTS audio sends an empty configuration first, the real one once it knows it.
      if (tag.length > header.dataOffset()) {
        segmenter.audioConfig(AacConfig.parse(Arrays.copyOfRange(tag, header.dataOffset(), tag.length)));
      }
    } else if (tag.length > header.dataOffset()) {
      segmenter.audio(ts, Arrays.copyOfRange(tag, header.dataOffset(), tag.length));
    }
  }

  /** The stream ended: hands on the last segment. */
  public void finish() {
    segmenter.finish();
  }
}
