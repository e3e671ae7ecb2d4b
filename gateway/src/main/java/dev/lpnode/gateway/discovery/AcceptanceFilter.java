package dev.lpnode.gateway.discovery;

import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.sender.TicketParamsException;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.CapabilityCheck;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import java.util.Optional;
import java.util.Set;

/**
 * Which discovered orchestrators a stream may use (protocol.md §7.1): capability-compatible, with a
 * service URI and an auth token, not in {@code -orchBlocklist}; when paying, with ticket params the
 * sender accepts and a price present, not negative and within {@code -maxPricePerUnit}. Reading the
 * sender's funds may block: call off the event loop.
 */
public final class AcceptanceFilter {
  private final Set<EthAddress> blocklist;
  private final SegmentPayments payments;

  public AcceptanceFilter(Set<EthAddress> blocklist, SegmentPayments payments) {
    this.blocklist = Set.copyOf(blocklist);
    this.payments = payments;
  }

  /** Why {@code info} cannot serve a job with capabilities {@code job}; empty if it can. */
  public Optional<String> reject(OrchestratorInfo info, Capabilities job) {
    if (info.getTranscoder().isEmpty()) {
      return Optional.of("no service URI");
    }
    if (info.getAddress().size() == 20 && blocklist.contains(EthAddress.of(info.getAddress().toByteArray()))) {
      return Optional.of("blocklisted");
    }
    // A job always needs the auth token capability, so an orchestrator without capabilities cannot take it.
    if (!info.hasCapabilities() || !CapabilityCheck.compatible(job, info.getCapabilities())) {
      return Optional.of("incompatible capabilities");
    }
    if (!info.hasAuthToken()) {
      return Optional.of("missing auth token");
    }
    if (!payments.enabled()) {
      return Optional.empty();
    }
    if (!info.hasPriceInfo() || info.getPriceInfo().getPixelsPerUnit() <= 0 || info.getPriceInfo().getPricePerUnit() < 0) {
      return Optional.of("missing or invalid price");
    }
    Rational max = payments.maxPricePerPixel();
    if (max != null && Rational.of(info.getPriceInfo().getPricePerUnit(), info.getPriceInfo().getPixelsPerUnit())
        .compareTo(max) > 0) {
      return Optional.of("price above -maxPricePerUnit");
    }
    try {
      payments.validate(payments.startSession(info));
    } catch (TicketParamsException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.empty();
  }
}
