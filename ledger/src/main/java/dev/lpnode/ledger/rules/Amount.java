package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import java.math.BigInteger;

/**
 * One amount: an account balance of LPT or ETH, the ticket broker fees credited to a transcoder in a
 * round, or a block number.
 */
final class Amount extends Entity {
  static final Kind<Amount> LPT = new Kind<>("lpt/", Amount::new, Amount::decode);
  static final Kind<Amount> ETH = new Kind<>("eth/", Amount::new, Amount::decode);
  /** Keyed by transcoder and round: what {@code StateLedger.creditFeesPaid} has credited so far. */
  static final Kind<Amount> FEES_CREDITED = new Kind<>("fc/", Amount::new, Amount::decode);
  /** Keyed by account: the first block at which the development {@link Faucet} serves it again. */
  static final Kind<Amount> FAUCET_NEXT_REQUEST = new Kind<>("faucet/", Amount::new, Amount::decode);

  BigInteger value = ZERO;

  private static Amount decode(Row r) {
    Amount a = new Amount();
    a.value = r.big();
    return a;
  }

  @Override
  String encode() {
    return Row.of(value);
  }
}
