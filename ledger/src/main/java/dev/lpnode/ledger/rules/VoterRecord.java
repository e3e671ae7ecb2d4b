package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.ledger.VoteType;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/**
 * One account's part in a proposal (GovernorCountingOverridable): whether and how it voted, and
 * the weight of its delegators who voted themselves, which its own vote no longer carries.
 */
final class VoterRecord extends Entity {
  static final Kind<VoterRecord> KIND = new Kind<>("gov/v/", VoterRecord::new, VoterRecord::decode);

  boolean hasVoted;
  VoteType support = VoteType.AGAINST;
  BigInteger deductions = ZERO;

  static String id(long proposalId, EthAddress voter) {
    return Kind.pad(proposalId) + "/" + voter.toHex();
  }

  private static VoterRecord decode(Row r) {
    VoterRecord v = new VoterRecord();
    v.hasVoted = r.flag();
    v.support = VoteType.valueOf(r.text());
    v.deductions = r.big();
    return v;
  }

  @Override
  String encode() {
    return Row.of(hasVoted, support.name(), deductions);
  }
}
