package dev.lpnode.bench.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.transcoder.TranscoderPool;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Segments through lpnode's engine (in-process or worker processes), like livepeer_bench through lpms. */
final class EngineRunner implements SegmentRunner {
  private final Transcoder transcoder;
  private final List<VideoProfile> profiles;
  private final String outPrefix;
  private final String runId;

  EngineRunner(Transcoder transcoder, List<VideoProfile> profiles, String outPrefix, String runId) {
    this.transcoder = transcoder;
    this.profiles = profiles;
    this.outPrefix = outPrefix;
    this.runId = runId;
  }

  private String sessionId(int session) {
    return "bench-" + runId + "-" + session;
  }

  @Override
  public long transcode(int session, MediaPlaylist.Segment segment) throws Exception {
    TranscodeRequest request = new TranscodeRequest(sessionId(session), segment.index(), segment.data(),
        Math.round(segment.durationSeconds() * 1000), profiles);
    TranscodeResult result;
    try {
      result = transcoder.transcode(request).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (!outPrefix.isEmpty()) {
      for (int n = 0; n < result.renditions().size(); n++) {
        Rendition rendition = result.renditions().get(n);
        Files.write(Path.of(String.format("%s_%s_%d_%d_%d%s", outPrefix, rendition.profile().name(), n, session,
            segment.index(), rendition.profile().format().extension())), rendition.data());
      }
    }
    return result.renditions().isEmpty() ? 0 : result.renditions().get(0).frames();
  }

  /** This process's CPU time: everything the in-process engine does, the JVM included. */
  @Override
  public double cpuSeconds() {
    if (transcoder instanceof TranscoderPool) {
      return Double.NaN;
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  @Override
  public void endSession(int session) {
    transcoder.endSession(sessionId(session));
  }

  @Override
  public void close() {
    transcoder.close();
  }
}
