package dev.lpnode.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lpnode.config.ladder.Presets;
import dev.lpnode.config.ladder.VideoProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** lpms's error taxonomy: bad input transcodes correctly or fails with the exact Livepeer string. */
class BadInputTest {
  /** Every error string a segment may legitimately end with (spec/protocol.md §7.3, media.md §1.8). */
  private static final Set<String> LIVEPEER_ERRORS = Set.of("No keyframes in input", "Unsupported input pixel format",
      "Unsupported input codec", "TranscoderInvalidVideo", "Encoded frames runaway", "Too many outputs");
  private static final List<VideoProfile> LADDER = List.of(
      Presets.byName("P144p30fps16x9").orElseThrow(), Presets.byName("P240p30fps16x9").orElseThrow());

  private static InProcessTranscoder transcoder;

  @BeforeAll
  static void start() {
    transcoder = new InProcessTranscoder(EngineSettings.software(), 2);
  }

  @AfterAll
  static void stop() {
    transcoder.close();
  }

  private static TranscodeResult transcode(byte[] segment, List<VideoProfile> profiles) throws Exception {
    return transcode(segment, profiles, TestMedia.declaredDurationMs(segment));
  }

  private static TranscodeResult transcode(byte[] segment, List<VideoProfile> profiles, long declaredMs) throws Exception {
    try {
      return transcoder.transcode(new TranscodeRequest("bad", 0, segment, declaredMs, profiles)).get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static TranscodeException failure(byte[] segment, List<VideoProfile> profiles) {
    return catchThrowableOfType(TranscodeException.class, () -> transcode(segment, profiles));
  }

  static Stream<String> everyTestFile() throws IOException {
    try (Stream<Path> files = Files.list(TestMedia.dir())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("everyTestFile")
  void everyTestFileTranscodesExactlyOrFailsWithALivepeerError(String file) {
    assertExactOrLivepeerError(TestMedia.read(file));
  }

  private static void assertExactOrLivepeerError(byte[] input) {
    try {
      TranscodeResult result = transcode(input, LADDER);
      for (Rendition rendition : result.renditions()) {
        if (rendition.frames() == 0) {
          assertThat(rendition.data()).as("passed through").isEqualTo(input);
        } else {
          MediaInfo info = MediaProbe.probe(rendition.data());
          assertThat(info.frames()).isEqualTo(rendition.frames());
          assertThat(info.pixels()).isEqualTo(rendition.pixels());
        }
      }
    } catch (TranscodeException e) {
      assertThat(e.getMessage()).isIn(LIVEPEER_ERRORS);
    } catch (Exception e) {
      throw new AssertionError("unclassified error", e);
    }
  }

  @Test
  void emptyRandomTextAndAudioOnlyFilesAreInvalidVideo() throws IOException {
    byte[] random = new byte[200_000];
    new Random(7).nextBytes(random);
    byte[] text = Files.readAllBytes(TestMedia.dir().resolve("README.md"));
    for (byte[] input : List.of(new byte[0], random, text, TestMedia.read("audio.mp3"))) {
      TranscodeException e = failure(input, LADDER);
      assertThat(e).hasMessage("TranscoderInvalidVideo");
      assertThat(e.kind()).isEqualTo(TranscodeException.Kind.INVALID_VIDEO);
      assertThat(e.retryable()).isFalse();
    }
  }

  @Test
  void aSegmentWithoutKeyframeIsRejected() {
    TranscodeException e = failure(TestMedia.read("kryp-2.ts"), LADDER);
    assertThat(e).hasMessage("No keyframes in input");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void audioOnlySegmentIsPassedThroughAsEveryRendition() throws Exception {
    byte[] input = TestMedia.read("zero-frame.ts");
    TranscodeResult result = transcode(input, LADDER);
    assertThat(result.renditions()).hasSize(2).allSatisfy(r -> {
      assertThat(r.data()).isEqualTo(input);
      assertThat(r.frames()).isZero();
      assertThat(r.pixels()).isZero();
    });
    assertThat(result.decodedFrames()).isZero();
  }

  @Test
  void truncatedSegmentsTranscodeWhatIsThere() throws Exception {
    byte[] input = TestMedia.read("transmux.ts");
    TranscodeResult half = transcode(Arrays.copyOf(input, input.length / 2), LADDER);
    assertThat(half.decodedFrames()).isBetween(1L, 52L);
    for (Rendition rendition : half.renditions()) {
      assertThat(MediaProbe.probe(rendition.data()).pixels()).isEqualTo(rendition.pixels());
    }
    for (int length : new int[] {188, 2000, 20_000}) {
      assertExactOrLivepeerError(Arrays.copyOf(input, length));
    }
    byte[] mp4 = TestMedia.read("videotest.mp4");
    for (int length : new int[] {100, 3000, mp4.length / 2}) {
      assertExactOrLivepeerError(Arrays.copyOf(mp4, length));
    }
  }

  @Test
  void corruptedBytesInTheMiddleStillGiveExactPixels() throws Exception {
    byte[] input = TestMedia.read("transmux.ts");
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      int at = input.length / 4 + random.nextInt(input.length / 2);
      for (int j = 0; j < 500 && at + j < input.length; j++) {
        input[at + j] = (byte) random.nextInt();
      }
    }
    TranscodeResult result = transcode(input, LADDER);
    assertThat(result.decodedFrames()).isPositive();
    for (Rendition rendition : result.renditions()) {
      MediaInfo info = MediaProbe.probe(rendition.data());
      assertThat(info.frames()).isEqualTo(rendition.frames());
      assertThat(info.pixels()).isEqualTo(rendition.pixels());
    }
  }

  @Test
  void moreThanTenRenditionsAreRefused() {
    List<VideoProfile> eleven = Collections.nCopies(11, LADDER.get(0));
    TranscodeException e = failure(TestMedia.read("transmux.ts"), eleven);
    assertThat(e).hasMessage("Too many outputs");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aTimestampGapCannotMakeThousandsOfFrames() {
    // Two frames 100 s apart: a 30 fps output would need 3000 frames.
    byte[] input = FfmpegTools.generate("testsrc2=size=320x240:rate=1", 2, "mpegts", "-vf", "setpts=N*100/TB",
        "-c:v", "libx264", "-g", "1");
    TranscodeException e = failure(input, LADDER);
    assertThat(e).hasMessage("Encoded frames runaway");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void moreVideoThanDeclaredIsRefusedBeforeAnythingIsDecoded() {
    byte[] longSegment = TestMedia.read("bad-cuvid.ts"); // 16.7 s of 1080p
    long started = System.nanoTime();
    TranscodeException e = catchThrowableOfType(TranscodeException.class, () -> transcode(longSegment, LADDER, 2000));
    assertThat(e.kind()).isEqualTo(TranscodeException.Kind.CONTENT_MISMATCH);
    assertThat(e).hasMessage("segment content exceeds its declared duration: more than 360 video frames, 2.0 s declared");
    // Decoding and encoding 16.7 s of 1080p takes many seconds here; demuxing part of it, milliseconds.
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));

    byte[] sixSeconds = TestMedia.read("skip_1.ts"); // 5.7 s at 29.97 fps: few enough frames for 3 s
    assertThat(catchThrowableOfType(TranscodeException.class, () -> transcode(sixSeconds, LADDER, 2000)))
        .hasMessageMatching("segment content exceeds its declared duration: 5\\.\\d s of video, 2\\.0 s declared");
  }

  @Test
  void moreFramesThanTheDeclaredDurationCanHoldAreRefused() {
    byte[] thousandFps = FfmpegTools.generate("testsrc2=size=64x64:rate=1000", 1, "mpegts", "-c:v", "libx264",
        "-preset", "ultrafast");
    TranscodeException e = catchThrowableOfType(TranscodeException.class, () -> transcode(thousandFps, LADDER, 1000));
    assertThat(e).hasMessageContaining("more than 240 video frames");
  }

  @Test
  void framesLargerThan4kAreRefused() {
    byte[] huge = FfmpegTools.generate("testsrc2=size=4608x2592:rate=1", 1, "mpegts", "-c:v", "libx264",
        "-preset", "ultrafast");
    TranscodeException e = failure(huge, LADDER);
    assertThat(e).hasMessage("TranscoderInvalidResolution");
    assertThat(e.retryable()).isFalse();
  }
}
