package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** Where a ticket broker credits the face value paid out for a redeemed winning ticket. */
public interface FeeSink {
  /**
   * Livepeer's {@code updateTranscoderWithFees}: credits {@code fees} (ETH wei) to an active
   * transcoder's earnings pool for the current round (LIP-36: the ticket's creation round is not
   * used). Reverts with "transcoder must be active" otherwise.
   */
  void updateTranscoderWithFees(EthAddress transcoder, BigInteger fees, long creationRound);
}
