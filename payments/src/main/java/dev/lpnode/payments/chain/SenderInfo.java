package dev.lpnode.payments.chain;

import java.math.BigInteger;

/**
 * A sender's funds in the TicketBroker ({@code getSenderInfo}).
 *
 * @param withdrawRound             0 unless an unlock is in progress
 * @param reserveFundsRemaining     what is left in the reserve
 * @param reserveClaimedInCurrentRound what recipients claimed from the reserve this round
 */
public record SenderInfo(BigInteger deposit, long withdrawRound, BigInteger reserveFundsRemaining,
    BigInteger reserveClaimedInCurrentRound) {
}
