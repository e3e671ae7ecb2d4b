package dev.lpnode.orchestrator.segment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenditionVerifierTest {
  private static final VideoProfile LOW = VideoProfile.of("low", 256, 144, 400_000, 30);
  private static final VideoProfile HIGH = VideoProfile.of("high", 426, 240, 600_000, 30);
  private final RenditionVerifier verifier = new RenditionVerifier();

  private static Rendition rendition(VideoProfile profile, int bytes) {
    return new Rendition(profile, profile.width(), profile.height(), 60, 60L * profile.width() * profile.height(),
        new byte[bytes]);
  }

  @Test
  void oneNonEmptyRenditionPerProfilePasses() {
    TranscodeResult result = new TranscodeResult(List.of(rendition(LOW, 1000), rendition(HIGH, 2000)), 60, 0);
    assertThatCode(() -> verifier.verify(result, List.of(LOW, HIGH))).doesNotThrowAnyException();
  }

  @Test
  void aMissingRenditionIsMismatchedSegments() {
    TranscodeResult result = new TranscodeResult(List.of(rendition(LOW, 1000)), 60, 0);
    assertThatThrownBy(() -> verifier.verify(result, List.of(LOW, HIGH)))
        .isInstanceOf(RenditionVerifier.Failed.class).hasMessage("MismatchedSegments");
  }

  @Test
  void anEmptyRenditionIsZeroSegments() {
    TranscodeResult result = new TranscodeResult(List.of(rendition(LOW, 1000), rendition(HIGH, 3)), 60, 0);
    assertThatThrownBy(() -> verifier.verify(result, List.of(LOW, HIGH)))
        .isInstanceOf(RenditionVerifier.Failed.class).hasMessage("ZeroSegments");
  }
}
