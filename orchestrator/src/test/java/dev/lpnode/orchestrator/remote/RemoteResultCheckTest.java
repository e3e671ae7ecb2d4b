package dev.lpnode.orchestrator.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The orchestrator's recount of a remote transcoder's result, on real renditions made by the engine. */
class RemoteResultCheckTest {
  private static final List<VideoProfile> LADDER = LadderParser.parsePresets("P144p30fps16x9,P240p30fps16x9");
  private static final Duration LEFT = Duration.ofSeconds(30);

  private static InProcessTranscoder engine;
  private static TranscodeRequest request;
  private static List<Rendition> renditions;
  private static RemoteResultCheck check;

  @BeforeAll
  static void transcode() throws Exception {
    engine = new InProcessTranscoder(EngineSettings.software(), 2);
    byte[] segment = Files.readAllBytes(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"));
    request = new TranscodeRequest("check", 1, segment, 2000, LADDER);
    renditions = engine.transcode(request).join().renditions();
    check = new RemoteResultCheck(engine);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** What an honest transcoder uploads for {@link #request}. */
  private static List<RemoteResult.Part> honestParts() {
    return new ArrayList<>(renditions.stream().map(r -> new RemoteResult.Part("video/mp2t", r.pixels(), r.data())).toList());
  }

  private static TranscodeResult checked(List<RemoteResult.Part> parts) {
    return check.check(7, request, new RemoteResult(123, parts, null), LEFT).join();
  }

  private static void assertFault(List<RemoteResult.Part> parts, String message) {
    assertThatThrownBy(() -> checked(parts)).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(RemoteFault.class).hasMessageContaining(message);
  }

  @Test
  void anHonestResultIsBilledAtTheRecount() {
    TranscodeResult result = checked(honestParts());
    assertThat(result.renditions()).extracting(Rendition::pixels)
        .containsExactlyElementsOf(renditions.stream().map(Rendition::pixels).toList());
    assertThat(result.renditions()).extracting(Rendition::frames).allMatch(frames -> frames > 0);
    assertThat(result.encodedPixels()).isEqualTo(renditions.stream().mapToLong(Rendition::pixels).sum());
    assertThat(result.decodedPixels()).isEqualTo(123);
  }

  @Test
  void aResultWithMorePixelsClaimedThanDecodedIsAFault() {
    List<RemoteResult.Part> parts = honestParts();
    RemoteResult.Part first = parts.get(0);
    parts.set(0, new RemoteResult.Part(first.contentType(), first.pixels() + 1, first.data()));
    assertFault(parts, "rendition P144p30fps16x9: the transcoder claimed " + (first.pixels() + 1) + " pixels, decoding it found "
        + first.pixels());
  }

  @Test
  void aResultWithARenditionMissingIsAFault() {
    assertFault(honestParts().subList(0, 1), "returned 1 renditions for 2 profiles");
  }

  @Test
  void aRenditionInTheWrongContainerIsAFault() {
    List<RemoteResult.Part> parts = honestParts();
    parts.set(1, new RemoteResult.Part("video/mp4", parts.get(1).pixels(), parts.get(1).data()));
    assertFault(parts, "rendition P240p30fps16x9 is video/mp4, expected video/mp2t");
  }

  @Test
  void aRenditionThatIsNotMediaIsAFault() {
    List<RemoteResult.Part> parts = honestParts();
    byte[] garbage = new byte[4096];
    Arrays.fill(garbage, (byte) 0x47);
    parts.set(1, new RemoteResult.Part("video/mp2t", parts.get(1).pixels(), garbage));
    assertFault(parts, "rendition P240p30fps16x9 is not decodable");
  }

  @Test
  void aRenditionLargerThanItsProfileIsAFaultEvenWithHonestPixels() {
    List<RemoteResult.Part> parts = honestParts();
    // The 240p rendition sent for the 144p profile, with its true pixel count: too large per frame.
    parts.set(0, new RemoteResult.Part("video/mp2t", parts.get(1).pixels(), parts.get(1).data()));
    assertFault(parts, "rendition P144p30fps16x9 has frames larger than 256x256");
  }
}
