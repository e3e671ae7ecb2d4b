package dev.lpnode.orchestrator.rpc;

import com.google.protobuf.ByteString;
import dev.lpnode.orchestrator.server.OrchestratorRpc;
import dev.lpnode.orchestrator.session.AuthTokens;
import dev.lpnode.orchestrator.session.TranscodeSessions;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.PaymentException;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.EndTranscodingSessionResponse;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import dev.lpnode.wire.net.PingPong;

/** {@code net.Orchestrator}: discovery (GetOrchestrator), session teardown and ping, as go-livepeer answers them. */
public final class OrchestratorService implements OrchestratorRpc {
  static final String SIG_CHECK_FAILED = "Invalid orchestrator request: orchestrator req sig check failed";
  static final String CAPPED = "Invalid orchestrator request: " + TranscodeSessions.CAPPED;
  static final String INVALID_AUTH_TOKEN = "Invalid auth token";

  private final SigningKey nodeKey;
  private final AuthTokens authTokens;
  private final TranscodeSessions sessions;
  private final OrchestratorInfoFactory infos;
  private final boolean verifySignatures;

  /** @param verifySignatures false offchain, where go-livepeer accepts any gateway signature */
  public OrchestratorService(SigningKey nodeKey, AuthTokens authTokens, TranscodeSessions sessions,
      OrchestratorInfoFactory infos, boolean verifySignatures) {
    this.nodeKey = nodeKey;
    this.authTokens = authTokens;
    this.sessions = sessions;
    this.infos = infos;
    this.verifySignatures = verifySignatures;
  }

  @Override
  public OrchestratorInfo getOrchestrator(OrchestratorRequest request) {
    byte[] addressBytes = request.getAddress().toByteArray();
    if (verifySignatures && (addressBytes.length != 20 || !LivepeerSignatures.verify(EthAddress.of(addressBytes),
        LivepeerSignatures.addressMessage(EthAddress.of(addressBytes)), request.getSig().toByteArray()))) {
      throw new RpcException(SIG_CHECK_FAILED);
    }
    EthAddress gateway = EthAddress.fromWire(addressBytes);
    if (!sessions.hasCapacity(false) && !(sessions.hasCapacity(true) && sessions.hasPriority(gateway))) {
      throw new RpcException(CAPPED);
    }
    try {
      return infos.build(gateway, authTokens.issue());
    } catch (PaymentException e) {
      throw new RpcException(e.getMessage());
    }
  }

  @Override
  public EndTranscodingSessionResponse endTranscodingSession(EndTranscodingSessionRequest request) {
    if (!authTokens.authentic(request.getAuthToken())) {
      throw new RpcException(INVALID_AUTH_TOKEN);
    }
    sessions.end(request.getAuthToken().getSessionId());
    return EndTranscodingSessionResponse.getDefaultInstance();
  }

  /** Signs the value, proving the node holds its key (go-livepeer's start-up self-check uses this). */
  @Override
  public PingPong ping(PingPong request) {
    byte[] signature = LivepeerSignatures.sign(nodeKey, request.getValue().toByteArray());
    return PingPong.newBuilder().setValue(ByteString.copyFrom(signature)).build();
  }
}
