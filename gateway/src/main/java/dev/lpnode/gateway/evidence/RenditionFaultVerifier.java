package dev.lpnode.gateway.evidence;

import dev.lpnode.ledger.FaultEvidence;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import java.util.Optional;

/**
 * The fault a gateway can prove: the offender signed (TranscodeData.sig) the hashes of exactly
 * these renditions, and at least one of them is not decodable media ({@link Decodability}).
 * Pixel counts are not signed, so a wrong count proves nothing; a signature that is not the
 * offender's, or renditions altered after signing (re-encoded, one byte changed), prove nothing
 * either, so a gateway cannot forge a fault against an honest orchestrator. Blocking: decodes.
 */
public final class RenditionFaultVerifier implements FaultVerifier {
  @Override
  public Optional<String> refusal(FaultEvidence evidence) {
    if (!(evidence instanceof RenditionEvidence renditions)) {
      return Optional.of("unknown kind of evidence");
    }
    if (!renditions.signedByOffender()) {
      return Optional.of("the signature is not " + renditions.offender().toChecksumHex()
          + "'s over these renditions' hashes (forged, or a rendition was changed after signing)");
    }
    for (RenditionEvidence.Rendition r : renditions.renditions()) {
      if (Decodability.problem(r.data()).isPresent()) {
        return Optional.empty();
      }
    }
    return Optional.of("every rendition is decodable media");
  }
}
