package dev.lpnode.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.gateway.support.MediaTools;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.ledger.evidence.RenditionEvidence.Rendition;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault proof on real media (testdata segments) and real signatures. */
class RenditionFaultVerifierTest {
  private static final SigningKey ORCHESTRATOR = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final SigningKey GATEWAY = SigningKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  private static final byte[] GARBAGE = "these bytes are not a media container\n".repeat(40).getBytes(StandardCharsets.UTF_8);

  private final RenditionFaultVerifier verifier = new RenditionFaultVerifier();

  private static byte[] media(String name) throws Exception {
    return Files.readAllBytes(MediaTools.testdata(name));
  }

  /** What {@code signer} signs for these renditions: TranscodeData.sig. */
  private static byte[] sign(SigningKey signer, byte[]... renditions) {
    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    for (byte[] r : renditions) {
      hashes.writeBytes(Keccak.keccak256(r));
    }
    return LivepeerSignatures.sign(signer, hashes.toByteArray());
  }

  private static RenditionEvidence evidence(byte[] signature, byte[]... renditions) {
    List<Rendition> list = new java.util.ArrayList<>();
    for (int i = 0; i < renditions.length; i++) {
      list.add(new Rendition("P" + (144 + i) + "p30fps16x9", renditions[i]));
    }
    return new RenditionEvidence(ORCHESTRATOR.address(), signature, list);
  }

  @Test
  void aGarbageRenditionSignedByTheOffenderIsProvenAndSurvivesTheFileFormat() throws Exception {
    byte[] real = media("transmux.ts");
    RenditionEvidence evidence = evidence(sign(ORCHESTRATOR, real, GARBAGE), real, GARBAGE);
    assertThat(verifier.refusal(evidence)).isEmpty();

    RenditionEvidence read = RenditionEvidence.parse(evidence.toJson());
    assertThat(read.id()).isEqualTo(evidence.id()).matches("0x[0-9a-f]{64}");
    assertThat(read.offender()).isEqualTo(ORCHESTRATOR.address());
    assertThat(read.renditions()).extracting(Rendition::profile).containsExactly("P144p30fps16x9", "P145p30fps16x9");
    assertThat(verifier.refusal(read)).isEmpty();
  }

  @Test
  void evidenceSignedByAnyoneButTheOffenderIsRefused() {
    RenditionEvidence forged = evidence(sign(GATEWAY, GARBAGE), GARBAGE);
    assertThat(verifier.refusal(forged)).hasValueSatisfying(why -> assertThat(why)
        .contains("the signature is not " + ORCHESTRATOR.address().toChecksumHex() + "'s"));
  }

  @Test
  void aRenditionChangedAfterSigningIsRefused() throws Exception {
    byte[] real = media("transmux.ts");
    byte[] signature = sign(ORCHESTRATOR, real);
    byte[] altered = real.clone();
    altered[altered.length / 2] ^= 0x5a;
    assertThat(verifier.refusal(evidence(signature, altered))).hasValueSatisfying(why -> assertThat(why)
        .contains("changed after signing"));
    // Nor can the signed renditions be swapped for other media (a re-encode).
    assertThat(verifier.refusal(evidence(signature, media("portrait.ts")))).isPresent();
  }

  @Test
  void renditionsThatAreAllMediaProveNothing() throws Exception {
    byte[] video = media("transmux.ts");
    byte[] portrait = media("portrait.ts");
    byte[] zeroFrame = media("zero-frame.ts");
    RenditionEvidence honest = evidence(sign(ORCHESTRATOR, video, portrait, zeroFrame), video, portrait, zeroFrame);
    assertThat(verifier.refusal(honest)).hasValue("every rendition is decodable media");
  }

  @Test
  void malformedFilesAreRefusedSayingWhatIsWrong() {
    String good = evidence(sign(ORCHESTRATOR, GARBAGE), GARBAGE).toJson();
    assertThatThrownBy(() -> RenditionEvidence.parse("{not json")).hasMessage("evidence is not a JSON object");
    assertThatThrownBy(() -> RenditionEvidence.parse("[]")).hasMessage("evidence is not a JSON object");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replace(RenditionEvidence.FORMAT, "other/1")))
        .hasMessage("evidence format must be \"" + RenditionEvidence.FORMAT + "\"");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replace(ORCHESTRATOR.address().toChecksumHex(), "0x1234")))
        .hasMessage("evidence offender is not an address");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replace("\"signature\" : \"0x", "\"signature\" : \"0xzz")))
        .hasMessageStartingWith("evidence signature is not hex");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replace("\"signature\" : \"0x", "\"signature\" : \"0x00")))
        .hasMessage("signature must be 65 bytes, got 66");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replace("\"data\" : \"", "\"data\" : \"*")))
        .hasMessageStartingWith("evidence rendition 0: Illegal base64 character");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replace("\"profile\"", "\"name\"")))
        .hasMessage("evidence rendition 0: evidence needs profile, a string");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replaceAll("\"id\" : \"0x[0-9a-f]+\"", "\"id\" : \"0xabcd\"")))
        .hasMessageStartingWith("evidence id 0xabcd is not the hash of its renditions' hashes");
    assertThatThrownBy(() -> RenditionEvidence.parse(good.replaceAll("\"renditions\" : \\[[^]]*]", "\"renditions\" : [ ]")))
        .hasMessage("evidence needs 1 to 32 renditions, got 0");
    assertThatThrownBy(() -> RenditionEvidence.parse(" ".repeat(RenditionEvidence.MAX_JSON_CHARS + 1)))
        .hasMessage("evidence is larger than " + RenditionEvidence.MAX_JSON_CHARS + " characters");
  }
}
