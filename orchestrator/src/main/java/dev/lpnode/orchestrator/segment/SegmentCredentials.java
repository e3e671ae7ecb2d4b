package dev.lpnode.orchestrator.segment;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.orchestrator.session.AuthTokens;
import dev.lpnode.orchestrator.session.TranscodeSessions;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.wire.CapabilityCheck;
import dev.lpnode.wire.SegmentSignatureMessage;
import dev.lpnode.wire.WireException;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.SegData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks a segment's {@code Livepeer-Segment} header the way go-livepeer's {@code verifySegCreds}
 * does, in its order and with its error texts; every failure is HTTP 403.
 */
public final class SegmentCredentials {
  static final long DEFAULT_DURATION_MS = 2000;

  private final AuthTokens authTokens;
  private final TranscodeSessions sessions;
  private final Supplier<Capabilities> nodeCapabilities;
  private final boolean verifySignatures;
  private final long maxDurationMs;

  /** @param maxDuration the longest declared duration accepted (go-livepeer: 5 min) */
  public SegmentCredentials(AuthTokens authTokens, TranscodeSessions sessions, Supplier<Capabilities> nodeCapabilities,
      boolean verifySignatures, Duration maxDuration) {
    this.maxDurationMs = maxDuration.toMillis();
    this.authTokens = authTokens;
    this.sessions = sessions;
    this.nodeCapabilities = nodeCapabilities;
    this.verifySignatures = verifySignatures;
  }

  /** A segment's checked metadata. */
  public record Segment(SegData segData, String manifestId, long seq, byte[] hash, List<VideoProfile> profiles,
      long durationMs, String sessionId) {}

  /** Thrown with go-livepeer's text for the check that failed. */
  public static final class Rejected extends Exception {
    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  public Segment verify(String header, EthAddress sender) throws Rejected {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(header == null ? "" : header);
    } catch (IllegalArgumentException e) {
      throw new Rejected("ErrorSegEncoding");
    }
    SegData segData;
    try {
      segData = SegData.parseFrom(raw);
    } catch (InvalidProtocolBufferException e) {
      throw new Rejected(e.getMessage());
    }
    List<VideoProfile> profiles;
    try {
      profiles = WireProfiles.fromSegData(segData);
    } catch (WireException e) {
      throw new Rejected(e.getMessage());
    }
    long duration = segData.getDuration();
    if (duration < 0 || duration > maxDurationMs) {
      throw new Rejected("invalid duration");
    }
    if (duration == 0) {
      duration = DEFAULT_DURATION_MS;
    }
    byte[] hash = segData.getHash().toByteArray();
    if (verifySignatures) {
      byte[] message = SegmentSignatureMessage.flatten(segData.getManifestId().toByteArray(), segData.getSeq(), hash,
          profiles.stream().map(VideoProfile::name).toList());
      if (!LivepeerSignatures.verify(sender, message, segData.getSig().toByteArray())) {
        throw new Rejected("ErrSegSig");
      }
    }
    if (segData.hasCapabilities() && !CapabilityCheck.compatible(segData.getCapabilities(), nodeCapabilities.get())) {
      throw new Rejected("incompatible capabilities");
    }
    if (!segData.hasAuthToken()) {
      throw new Rejected("missing auth token");
    }
    if (!authTokens.authentic(segData.getAuthToken())) {
      throw new Rejected("invalid auth token");
    }
    if (authTokens.expired(segData.getAuthToken())) {
      throw new Rejected("expired auth token");
    }
    String sessionId = segData.getAuthToken().getSessionId();
    // The whole cap here; the share reserved for priority gateways is checked with the ledger, off the event loop.
    if (!sessions.admits(sessionId, true)) {
      throw new Rejected(TranscodeSessions.CAPPED);
    }
    return new Segment(segData, segData.getManifestId().toString(StandardCharsets.UTF_8), segData.getSeq(), hash,
        profiles, duration, sessionId);
  }
}
