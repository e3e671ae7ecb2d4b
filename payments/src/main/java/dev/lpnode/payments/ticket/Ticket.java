package dev.lpnode.payments.ticket;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A probabilistic micropayment ticket with the fields of the TicketBroker contract's {@code
 * Ticket} struct. The sender signs {@link #hash()}; the recipient redeems it if it wins.
 *
 * @param senderNonce uint32 as go-livepeer sends it (the contract field is uint256)
 */
public record Ticket(
    EthAddress recipient,
    EthAddress sender,
    BigInteger faceValue,
    BigInteger winProb,
    long senderNonce,
    Bytes32 recipientRandHash,
    ExpirationParams expirationParams) {

  /** Length of the packed fields before auxData. */
  public static final int FIXED_PACKED_LENGTH = 168;
  public static final long MAX_SENDER_NONCE = 0xffff_ffffL;

  public Ticket {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(recipientRandHash, "recipientRandHash");
    Objects.requireNonNull(expirationParams, "expirationParams");
    if (!Uint256.fits(faceValue) || !Uint256.fits(winProb)) {
      throw new IllegalArgumentException("faceValue and winProb must be uint256");
    }
    if (senderNonce < 0 || senderNonce > MAX_SENDER_NONCE) {
      throw new IllegalArgumentException("senderNonce must be a uint32: " + senderNonce);
    }
  }

  /** The ticket's auxData (see {@link ExpirationParams#auxData()}). */
  public byte[] auxData() {
    return expirationParams.auxData();
  }

  /**
   * {@code abi.encodePacked(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash,
   * auxData)}: 168 + len(auxData) bytes, 232 for a real ticket.
   */
  public byte[] packed() {
    byte[] aux = auxData();
    byte[] out = new byte[FIXED_PACKED_LENGTH + aux.length];
    recipient.copyTo(out, 0);
    sender.copyTo(out, 20);
    Uint256.writeTo(faceValue, out, 40);
    Uint256.writeTo(winProb, out, 72);
    Uint256.writeTo(BigInteger.valueOf(senderNonce), out, 104);
    recipientRandHash.copyTo(out, 136);
    System.arraycopy(aux, 0, out, FIXED_PACKED_LENGTH, aux.length);
    return out;
  }

  /** The ticket hash the sender signs: keccak256 of {@link #packed()} (the contract's {@code getTicketHash}). */
  public Bytes32 hash() {
    return Bytes32.wrap(Keccak.keccak256(packed()));
  }

  /** The exact expected value in wei. */
  public Rational expectedValue() {
    return WinProbability.expectedValue(faceValue, winProb);
  }

  /** The same ticket with another nonce: the tickets of one payment differ only there. */
  public Ticket withSenderNonce(long nonce) {
    return new Ticket(recipient, sender, faceValue, winProb, nonce, recipientRandHash, expirationParams);
  }
}
