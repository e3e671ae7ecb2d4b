package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.Presets;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.TestMedia;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class NativeCleanupTest {
  private static final List<VideoProfile> LADDER = List.of(Presets.byName("P144p30fps16x9").orElseThrow(),
      Presets.byName("P240p30fps16x9").orElseThrow().withFormat(VideoProfile.Format.MP4));

  @Test
  void everyInMemoryStreamIsClosedAfterGoodAndBadSegments() {
    ExecutorService lanes = Executors.newCachedThreadPool();
    try {
      SegmentTranscoder engine = new SegmentTranscoder(EngineSettings.software(), lanes, null);
      byte[] transmux = TestMedia.read("transmux.ts");
      List<byte[]> inputs = List.of(transmux, TestMedia.read("kryp-2.ts"), TestMedia.read("zero-frame.ts"),
          new byte[0], Arrays.copyOf(transmux, 5000), TestMedia.read("audio.mp3"), TestMedia.read("videotest.mp4"));
      int before = MemoryIo.openCount();
      for (byte[] input : inputs) {
        try {
          engine.transcode(new TranscodeRequest("s", 0, input, TestMedia.declaredDurationMs(input), LADDER), new StopSignal());
        } catch (TranscodeException expected) {
          // bad inputs fail; what matters here is what they leave behind

        }
      }
      assertThat(MemoryIo.openCount()).isEqualTo(before);
    } finally {
      lanes.shutdown();
    }
  }

  @Test
  void aMissingGpuIsAClearStartUpError() {
    EngineSettings gpu = EngineSettings.software().withNvidia(List.of(0), 8);
    assertThatThrownBy(() -> new InProcessTranscoder(gpu, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NVIDIA GPU 0");
  }
}
