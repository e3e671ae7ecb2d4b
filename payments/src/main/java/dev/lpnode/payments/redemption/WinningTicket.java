package dev.lpnode.payments.redemption;

import dev.lpnode.payments.ticket.Ticket;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A winning ticket with what redeeming it takes: the sender's signature and the recipientRand
 * that opens the ticket's commitment. It may only be redeemed once {@code paramsExpirationBlock}
 * has passed, so that the revealed recipientRand cannot be reused while its params are valid.
 */
public record WinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand, long paramsExpirationBlock) {
  public WinningTicket {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(recipientRand, "recipientRand");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
