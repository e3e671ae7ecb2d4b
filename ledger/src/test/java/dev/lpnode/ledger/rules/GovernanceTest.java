package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.ProposalInfo;
import dev.lpnode.ledger.ProposalState;
import dev.lpnode.ledger.StakeTiers;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * T (1000 own + D's 3000 + E's 100 = 4100) and U (2000) are the active set: 6100 LPT, so quorum
 * is 33.33% = 2033.13 LPT. Votes open two rounds after the proposal and last two rounds.
 */
class GovernanceTest {
  private final EthAddress t = account(1);
  private final EthAddress u = account(2);
  private final EthAddress d = account(3);
  private final EthAddress e = account(4);
  private TestNet net;

  @BeforeEach
  void setUp() {
    net = new TestNet(TestNet.simple()
        .with(NetworkParameter.VOTING_PERIOD, 2)
        .with(NetworkParameter.PROPOSAL_THRESHOLD, lpt(100)));
    for (EthAddress a : new EthAddress[] {t, u, d, e}) {
      net.ledger.mintLpt(a, lpt(5000));
    }
    net.ledger.bond(t, lpt(1000), t);
    net.ledger.registerTranscoder(t, 0, 0);
    net.ledger.bond(u, lpt(2000), u);
    net.ledger.registerTranscoder(u, 0, 0);
    net.ledger.bond(d, lpt(3000), t);
    net.ledger.bond(e, lpt(100), t);
    net.nextRound();
  }

  private long proposeUnbondingPeriod(long rounds) {
    long id = net.ledger.propose(t, List.of(ParameterChange.of(NetworkParameter.UNBONDING_PERIOD, rounds)), "unbonding period " + rounds);
    assertThat(net.ledger.proposal(id).state()).isEqualTo(ProposalState.PENDING);
    net.advanceRounds(2);
    assertThat(net.ledger.proposal(id).state()).isEqualTo(ProposalState.ACTIVE);
    return id;
  }

  private ProposalInfo close(long id) {
    net.advanceRounds(2);
    return net.ledger.proposal(id);
  }

  @Test
  void whatAStakeTierUnlocksChangesByAPassedProposal() {
    long id = net.ledger.propose(t, List.of(ParameterChange.of(NetworkParameter.MAX_RENDITIONS, 2),
        new ParameterChange(NetworkParameter.TIER_2_STAKE, lpt(2500))), "larger ladders need 2500 LPT");
    net.advanceRounds(2);
    net.ledger.castVote(t, id, VoteType.FOR);
    close(id);
    net.ledger.execute(id);
    assertThat(StakeTiers.maxRenditions(StakeTiers.tier(lpt(2000), net.ledger.parameters()), net.ledger.parameters()))
        .as("until the next round: 2000 LPT is tier 2").isEqualTo(StakeTiers.ENGINE_RENDITIONS);

    net.nextRound();
    NetworkParameters now = net.ledger.parameters();
    assertThat(now.maxRenditions()).isEqualTo(2);
    assertThat(StakeTiers.ladderRefusal(3, StakeTiers.stake(net.ledger.delegator(u)), now)).get().asString()
        .as("U: 2000 LPT, now tier 1").isEqualTo("ladder of 3 renditions refused: a gateway of stake tier 1 may ask for 2 "
            + "per segment; stake tier 2 (2500 LPT staked) allows 10");
    assertThat(StakeTiers.ladderRefusal(10, StakeTiers.stake(net.ledger.delegator(t)), now)).as("T: 4100 LPT").isEmpty();
  }

  @Test
  void aPassedProposalTakesEffectFromTheNextRound() {
    long id = proposeUnbondingPeriod(5);
    assertThat(net.ledger.castVote(t, id, VoteType.FOR)).isEqualTo(lpt(4100));
    assertThat(net.ledger.castVote(u, id, VoteType.AGAINST)).isEqualTo(lpt(2000));
    ProposalInfo result = close(id);
    assertThat(result.quorum()).isEqualTo(lpt(6100).multiply(BigInteger.valueOf(333_300)).divide(BigInteger.valueOf(1_000_000)));
    assertThat(result.state()).isEqualTo(ProposalState.SUCCEEDED);

    net.ledger.execute(id);
    assertThat(net.ledger.proposal(id).state()).isEqualTo(ProposalState.EXECUTED);
    assertThat(net.ledger.pendingParameterChanges()).containsExactly(ParameterChange.of(NetworkParameter.UNBONDING_PERIOD, 5));
    assertThat(net.ledger.parameters().unbondingPeriod()).isEqualTo(2);
    assertThatThrownBy(() -> net.ledger.execute(id)).hasMessage("Governor: proposal not successful");

    net.nextRound();
    assertThat(net.ledger.parameters().unbondingPeriod()).isEqualTo(5);
    assertThat(net.ledger.pendingParameterChanges()).isEmpty();
    net.ledger.unbond(d, lpt(1));
    assertThat(net.ledger.delegator(d).unbondingLocks().get(0).withdrawRound()).isEqualTo(net.round() + 5);
  }

  @Test
  void abstentionsCountForQuorumAndWithoutQuorumAProposalIsDefeated() {
    long id = proposeUnbondingPeriod(5);
    net.ledger.castVote(e, id, VoteType.FOR);
    net.ledger.castVote(u, id, VoteType.ABSTAIN);
    ProposalInfo result = close(id);
    assertThat(result.forVotes().add(result.abstainVotes())).isEqualTo(lpt(2100));
    assertThat(result.state()).isEqualTo(ProposalState.SUCCEEDED);

    long second = proposeUnbondingPeriod(6);
    net.ledger.castVote(e, second, VoteType.FOR);
    net.ledger.castVote(d, second, VoteType.ABSTAIN);
    assertThat(close(second).state()).isEqualTo(ProposalState.SUCCEEDED);

    long third = proposeUnbondingPeriod(7);
    net.ledger.castVote(e, third, VoteType.FOR);
    assertThat(close(third).state()).isEqualTo(ProposalState.DEFEATED);
    assertThatThrownBy(() -> net.ledger.execute(third)).hasMessage("Governor: proposal not successful");
  }

  @Test
  void delegatorsOverrideTheirTranscodersVoteInEitherOrder() {
    long id = proposeUnbondingPeriod(5);
    net.ledger.castVote(t, id, VoteType.FOR);
    net.ledger.castVote(d, id, VoteType.AGAINST);
    ProposalInfo afterTranscoderFirst = net.ledger.proposal(id);
    assertThat(afterTranscoderFirst.forVotes()).isEqualTo(lpt(1100));
    assertThat(afterTranscoderFirst.againstVotes()).isEqualTo(lpt(3000));

    long other = proposeUnbondingPeriod(6);
    net.ledger.castVote(d, other, VoteType.AGAINST);
    assertThat(net.ledger.castVote(t, other, VoteType.FOR)).isEqualTo(lpt(1100));
    net.ledger.castVote(u, other, VoteType.AGAINST);
    ProposalInfo result = close(other);
    assertThat(result.forVotes()).isEqualTo(lpt(1100));
    assertThat(result.againstVotes()).isEqualTo(lpt(5000));
    assertThat(result.state()).isEqualTo(ProposalState.DEFEATED);
    assertThatThrownBy(() -> net.ledger.castVote(d, id, VoteType.FOR)).hasMessage("Governor: vote not currently active");
  }

  @Test
  void weightIsTheStakeAtTheEndOfTheSnapshotRound() {
    long id = net.ledger.propose(t, List.of(ParameterChange.of(NetworkParameter.WORK_ALPHA, 0)), "stake only");
    net.nextRound(); // the snapshot round: changes made now still count
    net.ledger.bond(e, lpt(400), t);
    net.nextRound(); // voting is open: changes made now do not
    net.ledger.bond(d, lpt(1000), t);
    net.ledger.unbond(u, lpt(1500));
    assertThat(net.ledger.castVote(e, id, VoteType.FOR)).isEqualTo(lpt(500));
    assertThat(net.ledger.castVote(d, id, VoteType.FOR)).isEqualTo(lpt(3000));
    assertThat(net.ledger.castVote(u, id, VoteType.AGAINST)).isEqualTo(lpt(2000));
    // T's 4500 less what its delegators voted themselves.
    assertThat(net.ledger.castVote(t, id, VoteType.FOR)).isEqualTo(lpt(1000));
    assertThat(net.ledger.proposal(id).quorum()).isEqualTo(lpt(6500).multiply(BigInteger.valueOf(333_300)).divide(BigInteger.valueOf(1_000_000)));
  }

  @Test
  void votesAreCheckedAndCountedOnce() {
    long id = proposeUnbondingPeriod(5);
    net.ledger.castVote(e, id, VoteType.FOR);
    assertThatThrownBy(() -> net.ledger.castVote(e, id, VoteType.FOR)).hasMessage("VoteAlreadyCast");
    assertThatThrownBy(() -> net.ledger.propose(account(8), List.of(ParameterChange.of(NetworkParameter.UNBONDING_PERIOD, 3)), "x"))
        .hasMessage("Governor: proposer votes below proposal threshold");
    assertThatThrownBy(() -> net.ledger.propose(t, List.of(ParameterChange.of(NetworkParameter.NUM_ACTIVE_TRANSCODERS, 5)), "shrink"))
        .hasMessage("new max size must be greater than old max size");
    assertThatThrownBy(() -> ParameterChange.of(NetworkParameter.ROUND_LENGTH, 10)).hasMessageContaining("not a governed parameter");
    assertThatThrownBy(() -> ParameterChange.of(NetworkParameter.WORK_ALPHA, 2_000_000)).hasMessageContaining("workAlpha must be between");
    assertThatThrownBy(() -> net.ledger.proposal(99)).hasMessage("Governor: unknown proposal id");
  }

  @Test
  void aDelegatorOfANonTranscoderHasNoVote() {
    EthAddress f = account(6);
    net.ledger.mintLpt(f, lpt(500));
    net.ledger.bond(f, lpt(500), account(7));
    long id = proposeUnbondingPeriod(5);
    assertThat(net.ledger.castVote(f, id, VoteType.AGAINST)).isZero();
  }
}
