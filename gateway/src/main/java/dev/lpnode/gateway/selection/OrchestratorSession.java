package dev.lpnode.gateway.selection;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.sender.SessionCredit;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.PriceInfo;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One stream's use of one orchestrator (go-livepeer's BroadcastSession): the orchestrator's latest
 * OrchestratorInfo, the payment session on its latest ticket params and the credit kept with its
 * session ID, the latency score of its last segment, and the segments in flight. Thread-safe.
 */
public final class OrchestratorSession {
  /** A segment out at the orchestrator: when it was sent, and its duration. */
  private record InFlight(long startNanos, long durationNanos) {}

  private final String transcoder;
  private final PriceInfo initialPrice;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private OrchestratorInfo info;
  private SenderSession payments;
  private SessionCredit credit = new SessionCredit();
  private double latencyScore;

  /**
   * @param info     what discovery returned; its {@code transcoder} names the session from now on
   * @param payments the payment session on its ticket params; null when not paying (off chain)
   */
  public OrchestratorSession(OrchestratorInfo info, SenderSession payments) {
    this.info = Objects.requireNonNull(info, "info");
    this.transcoder = info.getTranscoder();
    this.initialPrice = info.getPriceInfo();
    this.payments = payments;
  }

  /** The service URI discovery found it at: the key for the pool and suspensions. */
  public String transcoder() {
    return transcoder;
  }

  /** The price it advertised when discovered: a later price may not be more than double. */
  public PriceInfo initialPrice() {
    return initialPrice;
  }

  public synchronized OrchestratorInfo info() {
    return info;
  }

  public synchronized SenderSession payments() {
    return payments;
  }

  public synchronized SessionCredit credit() {
    return credit;
  }

  /**
   * Who it is for selection: the ticket recipient, else the address it signs with; null for an
   * orchestrator that sent neither.
   */
  public synchronized EthAddress identity() {
    byte[] id = info.hasTicketParams() ? info.getTicketParams().getRecipient().toByteArray() : info.getAddress().toByteArray();
    return id.length == 20 ? EthAddress.of(id) : null;
  }

  /** Its advertised price in wei per pixel; 0 without one. */
  public synchronized double pricePerPixel() {
    long pixels = info.getPriceInfo().getPixelsPerUnit();
    return pixels <= 0 ? 0 : (double) info.getPriceInfo().getPricePerUnit() / pixels;
  }

  /**
   * Takes the OrchestratorInfo a result or a refresh brought (go-livepeer's updateSession): new
   * ticket params mean a new payment session; a new session ID at the orchestrator means a new
   * credit, since the orchestrator keeps the balance per session ID.
   *
   * @param newPayments the payment session on its new params; null off chain or if they are unusable
   */
  public synchronized void update(OrchestratorInfo updated, SenderSession newPayments) {
    if (!updated.getAuthToken().getSessionId().equals(info.getAuthToken().getSessionId())) {
      credit = new SessionCredit();
    }
    info = updated;
    payments = newPayments;
  }

  /** 0 until a segment completed; then its round trip over max(1.5 s, its duration). */
  public synchronized double latencyScore() {
    return latencyScore;
  }

  public synchronized void latencyScore(double score) {
    latencyScore = score;
  }

  synchronized void segmentSent(long nowNanos, long durationNanos) {
    inFlight.addLast(new InFlight(nowNanos, durationNanos));
  }

  /** A segment came back (or failed); returns how many are still out. */
  synchronized int segmentDone() {
    inFlight.pollFirst();
    return inFlight.size();
  }

  synchronized int inFlight() {
    return inFlight.size();
  }

  synchronized void forgetInFlight() {
    inFlight.clear();
  }

  /**
   * Whether its oldest segment in flight went out less than {@code multiple} × max(1.5 s, its
   * duration) ago: then another segment may go to it before that one is back.
   */
  synchronized boolean reusableWhileInFlight(long nowNanos, int multiple) {
    InFlight oldest = inFlight.peekFirst();
    return oldest != null && nowNanos - oldest.startNanos() < multiple * Math.max(1_500_000_000L, oldest.durationNanos());
  }

  @Override
  public String toString() {
    return transcoder;
  }
}
