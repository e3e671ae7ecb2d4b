package dev.lpnode.gateway.pay;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.selection.OrchestratorSession;
import dev.lpnode.payments.sender.BalanceUpdate;
import dev.lpnode.payments.sender.FeeEstimate;
import dev.lpnode.payments.sender.Sender;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.sender.SessionCredit;
import dev.lpnode.payments.sender.TicketParamsException;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import java.util.Base64;
import java.util.List;

/**
 * How the gateway pays for segments (protocol.md §5.5, §6): one payments {@link Sender} for the
 * node, a payment session per set of ticket params, and per orchestrator session a credit kept as
 * go-livepeer's gateway keeps it. Off chain nothing is paid. The checks read the sender's deposit
 * and reserve, which may block on the ledger: call off the event loop.
 */
public final class SegmentPayments {
  private final Sender sender;
  private final Rational maxPricePerPixel;

  private SegmentPayments(Sender sender, Rational maxPricePerPixel) {
    this.sender = sender;
    this.maxPricePerPixel = maxPricePerPixel;
  }

  /** No tickets: an off-chain gateway. */
  public static SegmentPayments offchain() {
    return new SegmentPayments(null, null);
  }

  /**
   * Real tickets from {@code sender}.
   *
   * @param maxPricePerPixel {@code -maxPricePerUnit / -pixelsPerUnit}; null for no cap
   */
  public static SegmentPayments withTickets(Sender sender, Rational maxPricePerPixel) {
    return new SegmentPayments(sender, maxPricePerPixel);
  }

  public boolean enabled() {
    return sender != null;
  }

  /** The price cap, or null. */
  public Rational maxPricePerPixel() {
    return maxPricePerPixel;
  }

  /** A payment session on the info's ticket params; null off chain. */
  public SenderSession startSession(OrchestratorInfo info) throws TicketParamsException {
    if (sender == null) {
      return null;
    }
    if (!info.hasTicketParams()) {
      throw new TicketParamsException("missing ticket params");
    }
    return sender.startSession(info.getTicketParams());
  }

  /** Whether tickets can be made on the session's params now; {@link TicketParamsException#expired()} asks for a refresh. */
  public void validate(SenderSession session) throws TicketParamsException {
    if (sender != null) {
      sender.validateTicketParams(session);
    }
  }

  /**
   * The payment for one segment to {@code session}: enough tickets to cover max(fee estimate,
   * ticket EV) beyond the session's credit, which is reserved until {@link SegmentPayment#complete}.
   */
  public SegmentPayment pay(OrchestratorSession session, List<VideoProfile> profiles, long durationMs)
      throws PaymentRefused {
    if (sender == null) {
      return SegmentPayment.NONE;
    }
    OrchestratorInfo info = session.info();
    Rational price = checkPrice(info.getPriceInfo(), session.initialPrice());
    SenderSession tickets = session.payments();
    if (tickets == null) {
      throw new PaymentRefused("missing ticket params");
    }
    SessionCredit credit = session.credit();
    BalanceUpdate update = credit.stage(FeeEstimate.fee(profiles, durationMs / 1000.0, price), tickets.ticketEV());
    try {
      Payment payment = sender.createPayment(tickets, update.numTickets(), info.getPriceInfo());
      return new SegmentPayment(Base64.getEncoder().encodeToString(payment.toByteArray()), credit, update, price);
    } catch (TicketParamsException e) {
      credit.complete(update);
      throw new PaymentRefused(e.getMessage());
    }
  }

  /** go-livepeer's validatePrice, and its refusal of a price that more than doubled since discovery. */
  private Rational checkPrice(PriceInfo price, PriceInfo initial) throws PaymentRefused {
    if (price.getPixelsPerUnit() <= 0 || price.getPricePerUnit() < 0) {
      throw new PaymentRefused("missing orchestrator price");
    }
    Rational perPixel = Rational.of(price.getPricePerUnit(), price.getPixelsPerUnit());
    if (maxPricePerPixel != null && perPixel.compareTo(maxPricePerPixel) > 0) {
      throw new PaymentRefused("Orchestrator price higher than the set maximum price of "
          + maxPricePerPixel.numerator() + " wei per " + maxPricePerPixel.denominator() + " pixels");
    }
    if (initial.getPixelsPerUnit() > 0
        && perPixel.compareTo(Rational.of(initial.getPricePerUnit(), initial.getPixelsPerUnit()).multiply(Rational.of(2))) > 0) {
      throw new PaymentRefused("Orchestrator price has more than doubled, Orchestrator price: " + perPixel
          + ", Orchestrator initial price: " + Rational.of(initial.getPricePerUnit(), initial.getPixelsPerUnit()));
    }
    return perPixel;
  }
}
