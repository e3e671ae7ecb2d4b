package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;

/** A proposal, its voting window (in rounds), tally and the quorum it needs (an estimate until the snapshot round ends). */
public record ProposalInfo(
    long id,
    EthAddress proposer,
    List<ParameterChange> changes,
    String description,
    long snapshotRound,
    long deadlineRound,
    ProposalState state,
    BigInteger forVotes,
    BigInteger againstVotes,
    BigInteger abstainVotes,
    BigInteger quorum) {}
