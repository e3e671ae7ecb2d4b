package dev.lpnode.gateway.segmenter;

import dev.lpnode.gateway.media.AacConfig;
import dev.lpnode.gateway.media.AvcConfig;
import dev.lpnode.gateway.media.MediaInfo;
import java.util.List;

/**
 * The packets of one segment, cut and ready to mux.
 *
 * @param seq        sequence number in the stream, from 0
 * @param startMs    presentation time of the first frame (the keyframe), ms
 * @param durationMs until the next segment's first frame (or the stream's last frame's end)
 * @param video      the H.264 configuration, or null for audio only
 * @param audio      the AAC configuration, or null without audio
 * @param packets    in arrival order, video starting with a keyframe
 * @param cutNanos   when the segment was complete: the keyframe that ended it arrived (or the stream ended)
 */
public record SegmentPlan(long seq, long startMs, long durationMs, AvcConfig video, AacConfig audio,
    List<MediaPacket> packets, long cutNanos) {

  public MediaInfo mediaInfo() {
    return new MediaInfo(video == null ? 0 : video.sps().width(), video == null ? 0 : video.sps().height(),
        video == null ? "" : video.sps().codec(), audio == null ? "" : audio.codec());
  }
}
