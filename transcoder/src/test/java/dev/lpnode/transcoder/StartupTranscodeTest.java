package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTranscodeTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P240p30fps16x9,P360p30fps16x9");

  @Test
  void realTimeSessionsLeaveAQuarterOfTheCoresFree() {
    assertThat(StartupTranscode.realTimeSessions(0.64, 2)).isEqualTo(2); // 1.5 cores / 0.64
    assertThat(StartupTranscode.realTimeSessions(0.3, 16)).isEqualTo(40);
    assertThat(StartupTranscode.realTimeSessions(3.0, 2)).as("never zero: one stream, even if it falls behind").isEqualTo(1);
    assertThat(StartupTranscode.gpuSessions(2, 8, 3)).isEqualTo(4);
    assertThat(StartupTranscode.gpuSessions(1, 8, 10)).isEqualTo(1);
  }

  @Test
  void theSampleTranscodesInWorkerProcessesAndIsMeasuredInCpuSeconds() {
    try (TranscoderPool pool = new TranscoderPool(EngineSettings.software(), PoolSettings.of(1, 2))) {
      StartupTranscode.Outcome outcome = StartupTranscode.run(pool, LADDER, pool::workerCpuTime, 2);
      // 1080p decoded and scaled to two renditions: tenths of a CPU second per second of video, on any machine.
      assertThat(outcome.cpuPerSecond()).isBetween(0.05, 10.0);
      assertThat(outcome.sessions()).isEqualTo(StartupTranscode.realTimeSessions(outcome.cpuPerSecond(), 2));
    }
  }

  @Test
  void aTranscoderThatCannotTranscodeFailsTheTest() {
    List<VideoProfile> impossible = java.util.Collections.nCopies(11, LADDER.get(0)); // lpms's limit is 10
    try (InProcessTranscoder transcoder = new InProcessTranscoder(EngineSettings.software(), 1)) {
      assertThatThrownBy(() -> StartupTranscode.run(transcoder, impossible, () -> java.time.Duration.ZERO, 2))
          .isInstanceOf(TranscodeException.class).hasMessage("Too many outputs");
    }
  }
}
