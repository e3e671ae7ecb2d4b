package dev.lpnode.payments.ticket;

import com.google.protobuf.ByteString;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The ticket parameters an orchestrator (the recipient) offers a gateway (the sender): every
 * ticket the gateway makes from them shares these values and differs only in its nonce.
 *
 * @param seed              the recipient's random input to recipientRand, echoed back by the sender
 * @param expirationBlock   L1 block at which these params stop being accepted
 */
public record TicketParams(
    EthAddress recipient,
    BigInteger faceValue,
    BigInteger winProb,
    Bytes32 recipientRandHash,
    BigInteger seed,
    long expirationBlock,
    ExpirationParams expirationParams) {

  public TicketParams {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(recipientRandHash, "recipientRandHash");
    Objects.requireNonNull(expirationParams, "expirationParams");
    if (!Uint256.fits(faceValue) || !Uint256.fits(winProb) || !Uint256.fits(seed)) {
      throw new IllegalArgumentException("faceValue, winProb and seed must be uint256");
    }
    if (expirationBlock < 0) {
      throw new IllegalArgumentException("expirationBlock must not be negative");
    }
  }

  /** The exact expected value in wei of one ticket. */
  public Rational expectedValue() {
    return WinProbability.expectedValue(faceValue, winProb);
  }

  /** The ticket with these params from {@code sender} with {@code nonce}. */
  public Ticket ticket(EthAddress sender, long nonce, ExpirationParams expiration) {
    return new Ticket(recipient, sender, faceValue, winProb, nonce, recipientRandHash, expiration);
  }

  /**
   * Reads the message an orchestrator sent. Numbers are minimal big-endian bytes; addresses and
   * hashes are read like go-livepeer reads them. A missing expiration_params reads as round 0.
   *
   * @throws IllegalArgumentException for values no valid orchestrator sends (over 256 bits, or an
   *     expiration block beyond a long)
   */
  public static TicketParams fromProto(dev.lpnode.wire.net.TicketParams p) {
    BigInteger expiration = Uint256.fromBytes(p.getExpirationBlock().toByteArray());
    if (expiration.bitLength() > 63) {
      throw new IllegalArgumentException("ticket params expiration block out of range: " + expiration);
    }
    return new TicketParams(
        EthAddress.fromWire(p.getRecipient().toByteArray()),
        Uint256.fromBytes(p.getFaceValue().toByteArray()),
        Uint256.fromBytes(p.getWinProb().toByteArray()),
        Bytes32.fromWire(p.getRecipientRandHash().toByteArray()),
        Uint256.fromBytes(p.getSeed().toByteArray()),
        expiration.longValueExact(),
        ExpirationParams.fromProto(p.getExpirationParams()));
  }

  /** The message an orchestrator sends, with every field set (go-livepeer's encoding). */
  public dev.lpnode.wire.net.TicketParams toProto() {
    return toProtoWithoutExpirationParams().toBuilder().setExpirationParams(expirationParams.toProto()).build();
  }

  /**
   * Fields 1–6 only: what a gateway copies into {@code Payment.ticket_params}; the expiration
   * params travel in {@code Payment.expiration_params} instead.
   */
  public dev.lpnode.wire.net.TicketParams toProtoWithoutExpirationParams() {
    return dev.lpnode.wire.net.TicketParams.newBuilder()
        .setRecipient(ByteString.copyFrom(recipient.toBytes()))
        .setFaceValue(ByteString.copyFrom(Uint256.minBytes(faceValue)))
        .setWinProb(ByteString.copyFrom(Uint256.minBytes(winProb)))
        .setRecipientRandHash(ByteString.copyFrom(recipientRandHash.toBytes()))
        .setSeed(ByteString.copyFrom(Uint256.minBytes(seed)))
        .setExpirationBlock(ByteString.copyFrom(Uint256.minBytes(BigInteger.valueOf(expirationBlock))))
        .build();
  }
}
