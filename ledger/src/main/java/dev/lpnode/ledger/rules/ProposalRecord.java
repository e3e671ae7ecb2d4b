package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A governance proposal and its tally. */
final class ProposalRecord extends Entity {
  static final Kind<ProposalRecord> KIND = new Kind<>("gov/p/", ProposalRecord::new, ProposalRecord::decode);

  EthAddress proposer = EthAddress.ZERO;
  final List<ParameterChange> changes = new ArrayList<>();
  String description = "";
  long snapshotRound;
  long deadlineRound;
  BigInteger againstVotes = ZERO;
  BigInteger forVotes = ZERO;
  BigInteger abstainVotes = ZERO;
  boolean executed;

  boolean exists() {
    return snapshotRound > 0 || deadlineRound > 0;
  }

  private static ProposalRecord decode(Row r) {
    ProposalRecord p = new ProposalRecord();
    p.proposer = r.address();
    String changes = r.text();
    if (!changes.isEmpty()) {
      for (String change : changes.split(";")) {
        int eq = change.indexOf('=');
        p.changes.add(new ParameterChange(NetworkParameter.byKey(change.substring(0, eq)), new BigInteger(change.substring(eq + 1))));
      }
    }
    p.description = r.text();
    p.snapshotRound = r.number();
    p.deadlineRound = r.number();
    p.againstVotes = r.big();
    p.forVotes = r.big();
    p.abstainVotes = r.big();
    p.executed = r.flag();
    return p;
  }

  @Override
  String encode() {
    List<String> encoded = new ArrayList<>();
    changes.forEach(c -> encoded.add(c.toString()));
    return Row.of(proposer, String.join(";", encoded), description, snapshotRound, deadlineRound, againstVotes, forVotes, abstainVotes, executed);
  }
}
