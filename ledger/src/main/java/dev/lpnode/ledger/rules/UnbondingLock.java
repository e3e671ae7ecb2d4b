package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** Stake on its way out: withdrawable from {@code withdrawRound}; valid while that is non-zero. */
final class UnbondingLock extends Entity {
  static final Kind<UnbondingLock> KIND = new Kind<>("ul/", UnbondingLock::new, UnbondingLock::decode);

  BigInteger amount = ZERO;
  long withdrawRound;

  static String id(EthAddress delegator, long lockId) {
    return delegator.toHex() + "/" + Kind.pad(lockId);
  }

  boolean isValid() {
    return withdrawRound > 0;
  }

  void clear() {
    amount = ZERO;
    withdrawRound = 0;
  }

  private static UnbondingLock decode(Row r) {
    UnbondingLock l = new UnbondingLock();
    l.amount = r.big();
    l.withdrawRound = r.number();
    return l;
  }

  @Override
  String encode() {
    return Row.of(amount, withdrawRound);
  }
}
