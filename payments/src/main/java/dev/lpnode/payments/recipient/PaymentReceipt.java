package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import java.util.Optional;

/**
 * What {@link Recipient#receivePayment} did. The credit is already in the (sender, session) balance
 * and the winning tickets are already on disk when this is returned, error or not.
 *
 * @param ticketsCredited tickets whose EV was credited (those before the first error)
 * @param valueCredited   their total EV in wei
 * @param winningTickets  winning tickets stored for redemption
 */
public record PaymentReceipt(EthAddress sender, int ticketsCredited, Rational valueCredited, int winningTickets,
    Optional<PaymentError> error) {

  public boolean accepted() {
    return error.isEmpty();
  }
}
