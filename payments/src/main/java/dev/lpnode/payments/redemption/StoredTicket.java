package dev.lpnode.payments.redemption;

import java.math.BigInteger;

/**
 * A row of the winning-ticket store.
 *
 * @param note       for {@link RedemptionState#FAILED} the reason; for a queued ticket the last
 *                   attempt's error, if any
 * @param amountPaid what the broker paid, once redeemed (it may be below the face value); null before
 * @param txHash     the last redemption transaction sent for it on a chain, from submission on; null otherwise
 */
public record StoredTicket(long id, WinningTicket winner, RedemptionState state, String note, BigInteger amountPaid,
    String txHash) {
}
