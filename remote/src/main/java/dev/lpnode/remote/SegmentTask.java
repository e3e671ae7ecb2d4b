package dev.lpnode.remote;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.remote.TranscoderMetrics.Failure;
import dev.lpnode.wire.CapabilityCheck;
import dev.lpnode.wire.WireException;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.SegData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One NotifySegment read for work (protocol.md §8): the session it belongs to, the ladder, and how
 * long the orchestrator waits for its result; or why it cannot be done.
 *
 * @param failure  empty when the segment can be transcoded; else the cause and go-livepeer's error text
 * @param deadline the orchestrator's wait: max(8 s, 4 × the declared duration)
 */
record SegmentTask(long taskId, String url, String sessionId, long seq, long durationMs, List<VideoProfile> profiles,
    Duration deadline, Failure failure, String error) {
  static final long DEFAULT_DURATION_MS = 2000;
  static final String INCOMPATIBLE = "incompatible segment capabilities";

  /** A NotifySegment with an empty URL: the orchestrator ended the session. */
  static boolean isTeardown(NotifySegment notify) {
    return notify.getUrl().isEmpty();
  }

  /** The orchestrator's session ID (from the segment's auth token), else its manifest ID. */
  static String sessionId(SegData segData) {
    String session = segData.getAuthToken().getSessionId();
    return session.isEmpty() ? segData.getManifestId().toString(StandardCharsets.UTF_8) : session;
  }

  static SegmentTask of(NotifySegment notify, Capabilities own) {
    SegData segData = notify.getSegData();
    long duration = segData.getDuration() > 0 ? segData.getDuration() : DEFAULT_DURATION_MS;
    Duration deadline = Duration.ofMillis(Math.max(8_000, 4 * duration));
    String session = sessionId(segData);
    if (segData.hasCapabilities() && !CapabilityCheck.compatible(segData.getCapabilities(), own)) {
      return new SegmentTask(notify.getTaskId(), notify.getUrl(), session, segData.getSeq(), duration, List.of(), deadline,
          Failure.INCOMPATIBLE, INCOMPATIBLE);
    }
    try {
      List<VideoProfile> profiles = WireProfiles.fromSegData(segData);
      return new SegmentTask(notify.getTaskId(), notify.getUrl(), session, segData.getSeq(), duration, profiles, deadline,
          null, null);
    } catch (WireException e) {
      return new SegmentTask(notify.getTaskId(), notify.getUrl(), session, segData.getSeq(), duration, List.of(), deadline,
          Failure.PROFILES, e.getMessage());
    }
  }
}
