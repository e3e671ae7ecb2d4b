package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** BondingManager's Delegator: every account that bonds, transcoders included. */
final class Delegator extends Entity {
  static final Kind<Delegator> KIND = new Kind<>("d/", Delegator::new, Delegator::decode);

  BigInteger bondedAmount = ZERO;
  BigInteger fees = ZERO;
  EthAddress delegateAddress = EthAddress.ZERO;
  /** Total stake bonded towards this account, its own included: a transcoder's total stake. */
  BigInteger delegatedAmount = ZERO;
  long startRound;
  long lastClaimRound;
  long nextUnbondingLockId;

  private static Delegator decode(Row r) {
    Delegator d = new Delegator();
    d.bondedAmount = r.big();
    d.fees = r.big();
    d.delegateAddress = r.address();
    d.delegatedAmount = r.big();
    d.startRound = r.number();
    d.lastClaimRound = r.number();
    d.nextUnbondingLockId = r.number();
    return d;
  }

  @Override
  String encode() {
    return Row.of(bondedAmount, fees, delegateAddress, delegatedAmount, startRound, lastClaimRound, nextUnbondingLockId);
  }
}
