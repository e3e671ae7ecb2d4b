package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** BondingVotes' checkpoint of an account's bonding state, effective from its start round. */
final class Checkpoint extends Entity {
  static final Kind<Checkpoint> KIND = new Kind<>("cp/", Checkpoint::new, Checkpoint::decode);

  BigInteger bondedAmount = ZERO;
  EthAddress delegateAddress = EthAddress.ZERO;
  BigInteger delegatedAmount = ZERO;
  long lastClaimRound;
  long lastRewardRound;
  /** Distinguishes a checkpoint of an all-zero state from no checkpoint. */
  boolean present;

  static String id(EthAddress account, long startRound) {
    return account.toHex() + "/" + Kind.pad(startRound);
  }

  private static Checkpoint decode(Row r) {
    Checkpoint c = new Checkpoint();
    c.bondedAmount = r.big();
    c.delegateAddress = r.address();
    c.delegatedAmount = r.big();
    c.lastClaimRound = r.number();
    c.lastRewardRound = r.number();
    c.present = r.flag();
    return c;
  }

  @Override
  String encode() {
    return Row.of(bondedAmount, delegateAddress, delegatedAmount, lastClaimRound, lastRewardRound, present);
  }
}
