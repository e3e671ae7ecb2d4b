package dev.lpnode.orchestrator.rpc;

import com.google.protobuf.ByteString;
import dev.lpnode.orchestrator.pay.OrchestratorPayments;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.PaymentException;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.PriceInfo;
import java.util.function.Supplier;

/**
 * Builds the OrchestratorInfo a gateway receives from GetOrchestrator and with every
 * TranscodeResult: service URI, fresh ticket params, the session's price, the node's signing
 * address, capabilities and the session's auth token.
 */
public final class OrchestratorInfoFactory {
  private final String serviceUri;
  private final EthAddress nodeAddress;
  private final Supplier<Capabilities> capabilities;
  private final OrchestratorPayments payments;

  public OrchestratorInfoFactory(String serviceUri, EthAddress nodeAddress, Supplier<Capabilities> capabilities,
      OrchestratorPayments payments) {
    this.serviceUri = serviceUri;
    this.nodeAddress = nodeAddress;
    this.capabilities = capabilities;
    this.payments = payments;
  }

  /** Blocks on payments (sender funds): call off the event loop. */
  public OrchestratorInfo build(EthAddress sender, AuthToken token) throws PaymentException {
    PriceInfo price = payments.priceInfo(sender, token.getSessionId());
    OrchestratorInfo.Builder info = OrchestratorInfo.newBuilder()
        .setTranscoder(serviceUri)
        .setPriceInfo(price)
        .setAddress(ByteString.copyFrom(nodeAddress.toBytes()))
        .setCapabilities(capabilities.get())
        .setAuthToken(token);
    payments.ticketParams(sender, price).ifPresent(info::setTicketParams);
    return info.build();
  }

  public Capabilities capabilities() {
    return capabilities.get();
  }
}
