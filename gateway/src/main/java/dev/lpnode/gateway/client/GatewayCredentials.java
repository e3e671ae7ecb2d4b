package dev.lpnode.gateway.client;

import com.google.protobuf.ByteString;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.wire.SegmentSignatureMessage;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.SegData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * What the gateway's key signs (protocol.md §3.1, §4.2): its address once, for every
 * GetOrchestrator, and each segment's {@code Livepeer-Segment} header. Thread-safe.
 */
public final class GatewayCredentials {
  private final SigningKey key;
  private final ByteString address;
  private final ByteString addressSignature;

  public GatewayCredentials(SigningKey key) {
    this.key = key;
    this.address = ByteString.copyFrom(key.address().toBytes());
    this.addressSignature = ByteString.copyFrom(LivepeerSignatures.sign(key, LivepeerSignatures.addressMessage(key.address())));
  }

  public EthAddress address() {
    return key.address();
  }

  /** The discovery request for a job with these capabilities. */
  public OrchestratorRequest orchestratorRequest(Capabilities capabilities) {
    return OrchestratorRequest.newBuilder()
        .setAddress(address)
        .setSig(addressSignature)
        .setCapabilities(capabilities)
        .build();
  }

  /**
   * The {@code Livepeer-Segment} header: the SegData, signed over manifest ID, sequence number,
   * segment hash and profile IDs, base64 encoded. Hashes the whole segment: call off the event loop.
   */
  public String segmentHeader(String manifestId, long seq, byte[] segment, long durationMs,
      List<VideoProfile> profiles, Capabilities capabilities, AuthToken authToken) {
    byte[] hash = Keccak.keccak256(segment);
    byte[] manifest = manifestId.getBytes(StandardCharsets.UTF_8);
    byte[] signed = SegmentSignatureMessage.flatten(manifest, seq, hash, profiles.stream().map(VideoProfile::name).toList());
    SegData.Builder segData = SegData.newBuilder()
        .setManifestId(ByteString.copyFrom(manifest))
        .setSeq(seq)
        .setHash(ByteString.copyFrom(hash))
        // go-livepeer's tripwire for orchestrators that still read the legacy field.
        .setProfiles(ByteString.copyFromUtf8("invalid"))
        .setSig(ByteString.copyFrom(LivepeerSignatures.sign(key, signed)))
        .setDuration((int) durationMs)
        .setCapabilities(capabilities)
        .setAuthToken(authToken);
    return Base64.getEncoder().encodeToString(WireProfiles.putProfiles(segData, profiles).build().toByteArray());
  }
}
