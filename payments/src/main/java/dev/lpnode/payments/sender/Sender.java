package dev.lpnode.payments.sender;

import com.google.protobuf.ByteString;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketSenderParams;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The gateway's side of payments (protocol.md §5.5): it checks the params an orchestrator offers
 * against its limits and its own funds, and signs tickets on them. Thread-safe.
 */
public final class Sender {
  /** Params within this many blocks of expiry are treated as expired. */
  private static final long EXPIRY_BUFFER_BLOCKS = 1;

  private final SigningKey key;
  private final Chain chain;
  private final SenderConfig config;
  private final Rational maxTicketEV;
  private final Rational maxTotalEV;

  public Sender(SigningKey key, Chain chain, SenderConfig config) {
    this.key = Objects.requireNonNull(key, "key");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.config = Objects.requireNonNull(config, "config");
    this.maxTicketEV = Rational.of(config.maxTicketEV());
    this.maxTotalEV = Rational.of(config.maxTotalEV());
  }

  public EthAddress address() {
    return key.address();
  }

  /**
   * Starts a session on params an orchestrator sent in {@code OrchestratorInfo.ticket_params}.
   *
   * @throws TicketParamsException for values no valid orchestrator sends
   */
  public SenderSession startSession(dev.lpnode.wire.net.TicketParams params) throws TicketParamsException {
    try {
      return new SenderSession(TicketParams.fromProto(params));
    } catch (IllegalArgumentException e) {
      throw new TicketParamsException("invalid ticket params: " + e.getMessage());
    }
  }

  /** Checks the session's params for one ticket, as a gateway does when it selects an orchestrator. */
  public void validateTicketParams(SenderSession session) throws TicketParamsException {
    validate(session.params(), 1);
  }

  /**
   * Checks {@code params} for a payment of {@code numTickets}, in go-livepeer's order: expiry, EV
   * against face value and {@code -maxTicketEV}, the sender's own funds and unlock, total EV against
   * {@code -maxTotalEV}, face value against deposit / {@code -depositMultiplier}. Params with a zero
   * EV (a free price) pass after the expiry check.
   */
  private void validate(TicketParams params, int numTickets) throws TicketParamsException {
    if (params.expirationBlock() - chain.blocks().latestL1Block() <= EXPIRY_BUFFER_BLOCKS) {
      throw new TicketParamsException(TicketParamsException.EXPIRED);
    }
    Rational ev = params.expectedValue();
    if (ev.signum() <= 0) {
      return;
    }
    if (ev.compareTo(Rational.of(params.faceValue())) >= 0) {
      throw new TicketParamsException("ticket faceValue too low faceValue=" + params.faceValue());
    }
    if (ev.compareTo(maxTicketEV) > 0) {
      throw new TicketParamsException("ticket EV " + ev.toDecimalString(5) + " > max ticket EV " + maxTicketEV.toDecimalString(5));
    }
    SenderInfo info;
    try {
      info = chain.broker().senderInfo(key.address());
    } catch (ChainUnavailableException e) {
      throw new TicketParamsException(e.getMessage());
    }
    validateOwnFunds(info);
    Rational totalEV = ev.multiply(Rational.of(numTickets));
    if (totalEV.compareTo(maxTotalEV) > 0) {
      throw new TicketParamsException("total ticket EV " + totalEV.toDecimalString(5) + " for " + numTickets
          + " tickets > max total ticket EV " + maxTotalEV.toDecimalString(5));
    }
    BigInteger maxFaceValue = info.deposit().divide(BigInteger.valueOf(config.depositMultiplier()));
    if (params.faceValue().compareTo(maxFaceValue) > 0) {
      throw new TicketParamsException("ticket faceValue " + params.faceValue() + " > max faceValue " + maxFaceValue);
    }
  }

  private void validateOwnFunds(SenderInfo info) throws TicketParamsException {
    long maxWithdrawRound = chain.rounds().lastInitializedRound() + 1;
    if (info.withdrawRound() != 0 && info.withdrawRound() <= maxWithdrawRound) {
      throw new TicketParamsException("unable to validate sender: deposit and reserve is set to unlock soon");
    }
    if (info.reserveFundsRemaining().signum() == 0) {
      throw new TicketParamsException("no sender reserve");
    }
    if (info.deposit().signum() == 0) {
      throw new TicketParamsException("no sender deposit");
    }
  }

  /**
   * The payment for one request: {@code numTickets} signed tickets with the next nonces (none for
   * 0), the sender address and the price the orchestrator advertised. This is what goes, base64
   * encoded, in the {@code Livepeer-Payment} header.
   */
  public Payment createPayment(SenderSession session, int numTickets, PriceInfo expectedPrice) throws TicketParamsException {
    Payment.Builder payment = Payment.newBuilder()
        .setSender(ByteString.copyFrom(key.address().toBytes()))
        .setExpectedPrice(expectedPrice);
    if (numTickets <= 0) {
      return payment.build();
    }
    TicketParams params = session.params();
    validate(params, numTickets);
    ExpirationParams expiration = expirationParams(params);
    payment.setTicketParams(params.toProtoWithoutExpirationParams()).setExpirationParams(expiration.toProto());
    for (int i = 0; i < numTickets; i++) {
      long nonce = session.nextNonce();
      Ticket ticket = params.ticket(key.address(), nonce, expiration);
      payment.addTicketSenderParams(TicketSenderParams.newBuilder()
          .setSenderNonce((int) nonce)
          .setSig(ByteString.copyFrom(key.signPersonal(ticket.hash().toBytes()))));
    }
    return payment.build();
  }

  /** The orchestrator's round and hash; the gateway's own last round when it sent none. */
  private ExpirationParams expirationParams(TicketParams params) {
    ExpirationParams offered = params.expirationParams();
    if (offered.creationRound() != 0 && !offered.creationRoundBlockHash().isZero()) {
      return offered;
    }
    long round = chain.rounds().lastInitializedRound();
    Bytes32 hash = chain.rounds().blockHashForRound(round);
    return new ExpirationParams(round, hash);
  }
}
