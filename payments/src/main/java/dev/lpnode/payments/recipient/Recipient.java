package dev.lpnode.payments.recipient;

import com.google.protobuf.TextFormat;
import dev.lpnode.payments.chain.Chain;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.EthSignatures;
import dev.lpnode.payments.redemption.WinningTicket;
import dev.lpnode.payments.redemption.WinningTicketStore;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.TicketParams;
import dev.lpnode.payments.ticket.Uint256;
import dev.lpnode.payments.ticket.WinProbability;
import dev.lpnode.storage.StorageException;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TicketSenderParams;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's side of payments: it offers ticket params to gateways and receives their
 * payments (protocol.md §5.3–5.7).
 *
 * <p>{@link #ticketParams} makes fresh params for every response: a new random seed, face value
 * and win probability from the gas price and the sender's reserve, expiry 40 L1 blocks ahead (sooner
 * when rounds are short: {@link ParamsExpiry}).
 * {@link #receivePayment} checks each ticket in go-livepeer's order with its error texts and
 * fatal/non-fatal split, writes winning tickets to disk before it returns, and credits the
 * (sender, session) balance. Thread-safe; calls may block on the database, so never make them on
 * an event loop.
 */
public final class Recipient {
  private static final Logger LOG = LoggerFactory.getLogger(Recipient.class);
  /** Below this average gas price (3 gwei) a face value under the tx cost is refused. */
  private static final BigInteger AVERAGE_GAS_PRICE = BigInteger.valueOf(3_000_000_000L);

  private final RecipientConfig config;
  private final RecipientRand rands;
  private final RandomGenerator random;
  private final Chain chain;
  private final SenderMonitor senders;
  private final Balances balances;
  private final WinningTicketStore winners;
  private final NonceRegistry nonces = new NonceRegistry();
  private volatile BigInteger maxFaceValue;
  private volatile CreditedValue lastCredit;

  /**
   * The EV credited for {@code tickets} tickets of one face value and win probability. These
   * change only with the gas price and the sender's reserve, so the last one is kept: it saves the
   * receive path a 256-bit gcd per payment.
   */
  private record CreditedValue(BigInteger faceValue, BigInteger winProb, int tickets, Rational value) {
  }

  /**
   * @param secret  32 bytes keying recipientRand; go-livepeer draws a new one at each start, which
   *                voids params issued before a restart
   * @param random  source of the params' seeds
   */
  public Recipient(RecipientConfig config, byte[] secret, RandomGenerator random, Chain chain, SenderMonitor senders,
      Balances balances, WinningTicketStore winners) {
    this.config = Objects.requireNonNull(config, "config");
    this.rands = new RecipientRand(secret);
    this.random = Objects.requireNonNull(random, "random");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.senders = Objects.requireNonNull(senders, "senders");
    this.balances = Objects.requireNonNull(balances, "balances");
    this.winners = Objects.requireNonNull(winners, "winners");
    this.maxFaceValue = config.maxFaceValue();
  }

  /** A recipient with a fresh secret and seeds from {@link SecureRandom}, as in production. */
  public static Recipient withRandomSecret(RecipientConfig config, Chain chain, SenderMonitor senders, Balances balances,
      WinningTicketStore winners) {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new Recipient(config, secret, random, chain, senders, balances, winners);
  }

  /** The ticket recipient address. */
  public EthAddress address() {
    return config.recipient();
  }

  /** The EV each ticket must carry (go-livepeer's {@code Recipient.EV()}). */
  public Rational ticketEV() {
    return Rational.of(config.ticketEV());
  }

  /** {@code /setMaxFaceValue}: caps face values from now on; 0 removes the cap. */
  public void setMaxFaceValue(BigInteger weiOrZero) {
    if (weiOrZero.signum() < 0) {
      throw new IllegalArgumentException("max face value must not be negative");
    }
    maxFaceValue = weiOrZero;
  }

  /** The cost in wei of one redemption at the current gas price. */
  public BigInteger txCost() {
    return chain.gasPrice().gasPrice().multiply(BigInteger.valueOf(config.redeemGas()));
  }

  /** faceValue(sender) / txCost, which prices the redemption overhead; 0 when gas is free. */
  public Rational txCostMultiplier(EthAddress sender) throws PaymentException {
    BigInteger faceValue = faceValue(sender);
    BigInteger txCost = txCost();
    return txCost.signum() <= 0 ? Rational.ZERO : Rational.of(faceValue, txCost);
  }

  /** Fresh params for {@code sender} at a price per pixel, as protobuf for {@code OrchestratorInfo.ticket_params}. */
  public dev.lpnode.wire.net.TicketParams ticketParams(EthAddress sender, PriceInfo price) throws PaymentException {
    if (price.getPixelsPerUnit() <= 0) {
      throw new IllegalArgumentException("pixels per unit must be positive");
    }
    return ticketParams(sender, Rational.of(price.getPricePerUnit(), price.getPixelsPerUnit())).toProto();
  }

  /**
   * Fresh params for {@code sender}: new seed, face value and win probability for the configured EV
   * (zero for a free price), the last initialized round, expiration 40 L1 blocks ahead or sooner
   * when rounds are short ({@link ParamsExpiry}).
   *
   * @throws PaymentException {@code insufficient sender reserve} when no face value fits the
   *     sender's reserve share, the EV and the redemption cost
   */
  public TicketParams ticketParams(EthAddress sender, Rational pricePerPixel) throws PaymentException {
    byte[] seedBytes = new byte[32];
    random.nextBytes(seedBytes);
    BigInteger seed = new BigInteger(1, seedBytes);
    BigInteger faceValue = pricePerPixel.signum() > 0 ? faceValue(sender) : BigInteger.ZERO;
    BigInteger winProb = WinProbability.forExpectedValue(faceValue, config.ticketEV());
    ExpirationParams expiration = creationRound();
    long expirationBlock = ParamsExpiry.expirationBlock(chain, expiration.creationRound());
    BigInteger rand = rands.compute(seed, sender, faceValue, winProb, BigInteger.valueOf(expirationBlock), pricePerPixel,
        expiration.auxData());
    return new TicketParams(config.recipient(), faceValue, winProb, WinProbability.recipientRandHash(rand), seed,
        expirationBlock, expiration);
  }

  /** The last initialized round and its hash, or the round before when that hash is zero (an Arbitrum quirk). */
  private ExpirationParams creationRound() {
    long round = chain.rounds().lastInitializedRound();
    Bytes32 hash = chain.rounds().blockHashForRound(round);
    if (hash.isZero()) {
      round--;
      hash = chain.rounds().blockHashForRound(round);
    }
    return new ExpirationParams(round, hash);
  }

  private BigInteger faceValue(EthAddress sender) throws PaymentException {
    BigInteger ev = config.ticketEV();
    BigInteger txCost = txCost();
    BigInteger faceValue = txCost.multiply(RecipientConfig.TX_COST_MULTIPLIER);
    if (faceValue.compareTo(ev) < 0) {
      faceValue = ev.multiply(RecipientConfig.TX_COST_MULTIPLIER);
    }
    BigInteger maxFloat;
    try {
      maxFloat = senders.maxFloat(sender);
    } catch (ChainUnavailableException e) {
      throw new PaymentException(e.getMessage());
    }
    faceValue = faceValue.min(maxFloat);
    BigInteger cap = maxFaceValue;
    if (cap.signum() > 0) {
      faceValue = faceValue.min(cap);
    }
    if (faceValue.compareTo(ev) < 0) {
      throw new PaymentException("insufficient sender reserve");
    }
    BigInteger averageTxCost = AVERAGE_GAS_PRICE.multiply(BigInteger.valueOf(config.redeemGas()));
    if (faceValue.compareTo(txCost) < 0 && faceValue.compareTo(averageTxCost) < 0) {
      throw new PaymentException("insufficient sender reserve");
    }
    return faceValue;
  }

  /**
   * Processes a gateway's payment for session {@code sessionId} (go-livepeer's {@code
   * ProcessPayment}, then {@code ReceiveTicket} per ticket):
   *
   * <ol>
   *   <li>no ticket params: nothing is credited. Unlike go-livepeer, the session's price is not
   *       fixed at 0 by such a payment: that would let a gateway open a session with an empty
   *       payment and transcode for free at a node that charges;
   *   <li>the ticket recipient must be active in the current round; the expected price must be
   *       valid, and the first payment fixes the session's price;
   *   <li>each ticket: recipientRand, sender not unlocking, recipient, sender, recipientRandHash
   *       (all fatal), signature (non-fatal), win test, nonce replay (non-fatal), params expiry
   *       (non-fatal). Tickets are credited until the first error; winners are kept even after a
   *       non-fatal error.
   * </ol>
   *
   * Winning tickets are on disk before this returns and before anything is credited.
   */
  public PaymentReceipt receivePayment(Payment payment, String sessionId) {
    EthAddress sender = EthAddress.fromWire(payment.getSender().toByteArray());
    if (!payment.hasTicketParams()) {
      return new PaymentReceipt(sender, 0, Rational.ZERO, 0, Optional.empty());
    }
    if (payment.getSender().isEmpty()) {
      return refused(sender, "Could not find Sender for payment: " + TextFormat.printer().emittingSingleLine(true).printToString(payment));
    }
    EthAddress ticketRecipient = EthAddress.fromWire(payment.getTicketParams().getRecipient().toByteArray());
    if (!chain.transcoders().isActiveTranscoder(ticketRecipient)) {
      return refused(sender, "orchestrator " + ticketRecipient + " is inactive in round "
          + chain.rounds().lastInitializedRound() + ", cannot process payments");
    }
    if (!payment.hasExpectedPrice()) {
      return refused(sender, "invalid expected price sent with payment err=expected price is nil");
    }
    PriceInfo expected = payment.getExpectedPrice();
    if (expected.getPixelsPerUnit() == 0) {
      return refused(sender, "invalid expected price sent with payment err=pixels per unit is 0");
    }
    Rational price = Rational.of(expected.getPricePerUnit(), expected.getPixelsPerUnit());
    balances.fixPriceIfUnset(sender, sessionId, price);
    return receiveTickets(payment, sender, sessionId, price);
  }

  private PaymentReceipt receiveTickets(Payment payment, EthAddress sender, String sessionId, Rational price) {
    IncomingTickets incoming = new IncomingTickets(payment, sender, price);
    List<WinningTicket> won = new ArrayList<>();
    PaymentError error = null;
    int credited = 0;
    for (TicketSenderParams tsp : payment.getTicketSenderParamsList()) {
      PaymentError paramsError = incoming.check();
      if (paramsError != null) {
        error = paramsError;
        break;
      }
      Ticket ticket = incoming.ticket(Integer.toUnsignedLong(tsp.getSenderNonce()));
      byte[] signature = tsp.getSig().toByteArray();
      boolean wins = false;
      PaymentError ticketError;
      if (!EthSignatures.verifyPersonal(sender, ticket.hash().toBytes(), signature)) {
        ticketError = PaymentError.nonFatal("invalid ticket signature");
      } else {
        wins = WinProbability.isWinning(signature, incoming.rand, ticket.winProb());
        ticketError = checkReplayAndExpiry(incoming, ticket);
      }
      if (error == null) {
        error = ticketError;
      }
      if (error == null) {
        credited++;
      }
      if (wins) {
        won.add(new WinningTicket(ticket, signature, incoming.rand, incoming.expirationBlock.longValueExact()));
      }
    }
    try {
      winners.add(won);
    } catch (StorageException e) {
      LOG.error("could not store {} winning tickets from {}", won.size(), sender, e);
      return refused(sender, "could not store winning tickets: " + e.getMessage());
    }
    Rational value = Rational.ZERO;
    if (credited > 0) {
      value = creditedValue(incoming.faceValue, incoming.winProb, credited);
      balances.credit(sender, sessionId, value);
    }
    return new PaymentReceipt(sender, credited, value, won.size(), Optional.ofNullable(error));
  }

  private Rational creditedValue(BigInteger faceValue, BigInteger winProb, int tickets) {
    CreditedValue last = lastCredit;
    if (last != null && last.tickets() == tickets && last.faceValue().equals(faceValue) && last.winProb().equals(winProb)) {
      return last.value();
    }
    Rational value = WinProbability.expectedValue(faceValue, winProb, tickets);
    lastCredit = new CreditedValue(faceValue, winProb, tickets, value);
    return value;
  }

  private PaymentError checkReplayAndExpiry(IncomingTickets incoming, Ticket ticket) {
    long expirationBlock = incoming.expirationBlock.longValueExact();
    String nonceError = nonces.record(incoming.rand, expirationBlock, ticket.sender(), ticket.senderNonce());
    if (nonceError != null) {
      return PaymentError.nonFatal(nonceError);
    }
    if (expirationBlock <= chain.blocks().latestL1Block()) {
      return PaymentError.nonFatal("TicketParams expired");
    }
    return null;
  }

  private static PaymentReceipt refused(EthAddress sender, String message) {
    return new PaymentReceipt(sender, 0, Rational.ZERO, 0, Optional.of(PaymentError.fatal(message)));
  }

  /**
   * The balance check before transcoding (protocol.md §4.3 step 5): true if the session holds at
   * least one ticket's EV of credit. The orchestrator applies it to paid requests (expected price
   * above 0) and answers HTTP 400 {@code Insufficient balance} when it fails.
   */
  public boolean sufficientBalance(EthAddress sender, String sessionId) {
    return balances.covers(sender, sessionId, ticketEV());
  }

  /** Forgets replay-protection state of params expired at {@code latestL1Block}; call on every new block. */
  public void onNewL1Block(long latestL1Block) {
    nonces.removeExpired(latestL1Block);
  }

  /**
   * The params echoed in one payment, shared by all its tickets, and the checks that depend only
   * on them. recipientRand is computed from the raw wire values, so a value this recipient never
   * issued (too large, say) fails the recipientRandHash check like any other alteration.
   */
  private final class IncomingTickets {
    final EthAddress sender;
    final EthAddress ticketRecipient;
    final BigInteger faceValue;
    final BigInteger winProb;
    final BigInteger expirationBlock;
    final Bytes32 recipientRandHash;
    final ExpirationParams expiration;
    final BigInteger rand;
    private PaymentError paramsError;
    private boolean checked;
    private Ticket template;

    IncomingTickets(Payment payment, EthAddress sender, Rational price) {
      dev.lpnode.wire.net.TicketParams p = payment.getTicketParams();
      this.sender = sender;
      this.ticketRecipient = EthAddress.fromWire(p.getRecipient().toByteArray());
      this.faceValue = Uint256.fromBytes(p.getFaceValue().toByteArray());
      this.winProb = Uint256.fromBytes(p.getWinProb().toByteArray());
      this.expirationBlock = Uint256.fromBytes(p.getExpirationBlock().toByteArray());
      this.recipientRandHash = Bytes32.fromWire(p.getRecipientRandHash().toByteArray());
      this.expiration = ExpirationParams.fromProto(payment.getExpirationParams());
      this.rand = rands.compute(Uint256.fromBytes(p.getSeed().toByteArray()), sender, faceValue, winProb, expirationBlock,
          price, expiration.auxData());
    }

    /** The checks of every ticket that do not depend on its nonce: null if they pass. Fatal errors. */
    PaymentError check() {
      if (!checked) {
        checked = true;
        paramsError = firstParamsError();
        if (paramsError == null) {
          template = new Ticket(ticketRecipient, sender, faceValue, winProb, 0, recipientRandHash, expiration);
        }
      }
      return paramsError;
    }

    private PaymentError firstParamsError() {
      try {
        senders.validateSender(sender);
      } catch (PaymentException e) {
        return PaymentError.fatal(e.getMessage());
      }
      if (!ticketRecipient.equals(config.recipient())) {
        return PaymentError.fatal("invalid ticket recipient");
      }
      if (sender.isZero()) {
        return PaymentError.fatal("invalid ticket sender");
      }
      if (!WinProbability.recipientRandHash(rand).equals(recipientRandHash)) {
        return PaymentError.fatal("invalid recipientRand for ticket recipientRandHash");
      }
      return null;
    }

    Ticket ticket(long nonce) {
      return template.withSenderNonce(nonce);
    }
  }
}
