package dev.lpnode.gateway.transcode;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.evidence.EvidenceKeeper;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.media.MediaFormatException;
import dev.lpnode.gateway.media.MediaInfo;
import dev.lpnode.gateway.media.SegmentProbe;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.transcoder.MediaProbe;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.TranscodeData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks downloaded renditions before they are served, as go-livepeer's {@code -localVerify} does
 * (protocol.md §7.4): the orchestrator's signature over the hashes of the exact bytes downloaded
 * ({@code PM Check Failed}), and the pixels counted by decoding every frame against the pixels it
 * reported ({@code PixelMismatch}). Every rendition must also be readable media; one that is not,
 * under a valid signature, is a provable fault: the evidence goes to the {@link EvidenceKeeper}.
 * Decodes whole renditions: blocking, call on a worker.
 */
final class ResultVerifier {
  static final String PM_CHECK_FAILED = "PM Check Failed";
  static final String PIXEL_MISMATCH = "PixelMismatch";

  private ResultVerifier() {}

  /**
   * The renditions, ready for the playlists.
   *
   * @throws AttemptFailure a {@link AttemptFailure.Kind#VERIFICATION} failure
   */
  static List<Rendition> verify(OrchestratorInfo info, TranscodeData data, List<byte[]> downloads,
      List<VideoProfile> profiles, boolean localVerify, EvidenceKeeper evidence) {
    if (downloads.size() != profiles.size()) {
      throw new AttemptFailure(AttemptFailure.Kind.VERIFICATION, PIXEL_MISMATCH + ": " + downloads.size()
          + " renditions for " + profiles.size() + " profiles");
    }
    if (localVerify && info.hasTicketParams() && !signatureValid(info, data, downloads, profiles)) {
      throw new AttemptFailure(AttemptFailure.Kind.VERIFICATION, PM_CHECK_FAILED);
    }
    List<Rendition> renditions = new ArrayList<>(downloads.size());
    for (int i = 0; i < downloads.size(); i++) {
      VideoProfile profile = profiles.get(i);
      MediaInfo media;
      try {
        media = SegmentProbe.probe(downloads.get(i)).media();
      } catch (MediaFormatException e) {
        keepIfSigned(info, data, downloads, profiles, evidence);
        throw new AttemptFailure(AttemptFailure.Kind.VERIFICATION, PIXEL_MISMATCH + ": rendition " + profile.name()
            + " is not readable media (" + e.getMessage() + ")");
      }
      renditions.add(new Rendition(profile.name(), downloads.get(i), profile.format(), media));
    }
    if (!localVerify) {
      return renditions;
    }
    long reported = 0;
    long difference = 0;
    long decoded = 0;
    for (int i = 0; i < downloads.size(); i++) {
      long counted;
      try {
        counted = MediaProbe.probe(downloads.get(i)).pixels();
      } catch (TranscodeException e) {
        keepIfSigned(info, data, downloads, profiles, evidence);
        counted = 0;
      }
      long claimed = data.getSegments(i).getPixels();
      reported += claimed;
      decoded += counted;
      difference += Math.abs(claimed - counted);
    }
    if (difference != 0) {
      double score = -difference / (double) Math.max(1, decoded);
      throw new AttemptFailure(AttemptFailure.Kind.VERIFICATION, PIXEL_MISMATCH + ": reported " + reported
          + " pixels, decoded " + decoded, new AttemptFailure.Candidate(renditions, reported, score));
    }
    return renditions;
  }

  /** TranscodeData.sig: the orchestrator's signature over keccak256(keccak256(r1) ‖ … ‖ keccak256(rn)). */
  private static boolean signatureValid(OrchestratorInfo info, TranscodeData data, List<byte[]> downloads,
      List<VideoProfile> profiles) {
    return evidence(info, data, downloads, profiles).map(RenditionEvidence::signedByOffender).orElse(false);
  }

  /** What the orchestrator signed, as evidence, if it names its address and its signature is well formed. */
  private static Optional<RenditionEvidence> evidence(OrchestratorInfo info, TranscodeData data, List<byte[]> downloads,
      List<VideoProfile> profiles) {
    byte[] signer = info.getAddress().size() == 20 ? info.getAddress().toByteArray()
        : info.getTicketParams().getRecipient().toByteArray();
    if (signer.length != 20 || downloads.isEmpty() || downloads.size() > RenditionEvidence.MAX_RENDITIONS) {
      return Optional.empty();
    }
    List<RenditionEvidence.Rendition> renditions = new ArrayList<>(downloads.size());
    for (int i = 0; i < downloads.size(); i++) {
      renditions.add(new RenditionEvidence.Rendition(profiles.get(i).name(), downloads.get(i)));
    }
    try {
      return Optional.of(new RenditionEvidence(EthAddress.of(signer), data.getSig().toByteArray(), renditions));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a signature of the wrong length signs nothing
    }
  }

  /** A rendition that is not media: evidence, if the orchestrator signed exactly what was downloaded. */
  private static void keepIfSigned(OrchestratorInfo info, TranscodeData data, List<byte[]> downloads, List<VideoProfile> profiles,
      EvidenceKeeper keeper) {
    evidence(info, data, downloads, profiles).filter(RenditionEvidence::signedByOffender).ifPresent(keeper::keep);
  }
}
