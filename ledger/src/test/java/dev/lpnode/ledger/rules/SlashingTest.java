package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.FaultEvidence;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.SlashResult;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Slashing rules. The real fault proof (the offender's signature over renditions that are not
 * decodable media) belongs to the verifier that the node wires in (the gateway module's
 * RenditionFaultVerifier); here a verifier that accepts the evidence it is told to stands in for
 * it, since what is under test is the ledger's side.
 */
class SlashingTest {
  private final EthAddress t = account(1);
  private final EthAddress d = account(2);
  private final EthAddress finder = account(3);

  record Evidence(EthAddress offender, String id, boolean proven) implements FaultEvidence {}

  private static final FaultVerifier VERIFIER = e -> ((Evidence) e).proven() ? Optional.empty() : Optional.of("told not to");

  private TestNet network(NetworkParameters params) {
    TestNet net = new TestNet(params, VERIFIER);
    net.ledger.mintLpt(t, lpt(1000));
    net.ledger.mintLpt(d, lpt(3000));
    net.ledger.bond(t, lpt(1000), t);
    net.ledger.registerTranscoder(t, 0, 0);
    net.ledger.bond(d, lpt(3000), t);
    net.nextRound();
    return net;
  }

  @Test
  void slashingIsOffByDefault() {
    TestNet net = network(TestNet.simple());
    assertThatThrownBy(() -> net.ledger.slash(finder, new Evidence(t, "fault-1", true))).hasMessage("slashing is disabled");
    assertThat(net.ledger.delegator(t).bondedAmount()).isEqualTo(lpt(1000));
    assertThat(net.ledger.transcoderPool()).hasSize(1);
  }

  @Test
  void aProvenFaultSlashesTheOwnBondPaysTheFinderAndBurnsTheRest() {
    TestNet net = network(TestNet.simple().with(NetworkParameter.SLASH_AMOUNT, 50_000));
    net.ledger.reward(t);
    BigInteger ownStake = net.ledger.delegator(t).pendingStake();
    BigInteger delegatorStake = net.ledger.delegator(d).pendingStake();
    BigInteger supply = net.ledger.issuance().totalSupply();

    SlashResult result = net.ledger.slash(finder, new Evidence(t, "fault-1", true));

    BigInteger penalty = ownStake.multiply(BigInteger.valueOf(50_000)).divide(BigInteger.valueOf(1_000_000));
    BigInteger finderFee = penalty.multiply(BigInteger.valueOf(50_000)).divide(BigInteger.valueOf(1_000_000));
    assertThat(result).isEqualTo(new SlashResult(t, penalty, finderFee, penalty.subtract(finderFee)));
    assertThat(net.ledger.delegator(t).bondedAmount()).isEqualTo(ownStake.subtract(penalty));
    assertThat(net.ledger.delegator(d).pendingStake()).isEqualTo(delegatorStake);
    assertThat(net.ledger.lptBalance(finder)).isEqualTo(finderFee);
    assertThat(net.ledger.issuance().totalSupply()).isEqualTo(supply.subtract(penalty).add(finderFee));
    // Resigned: still active this round, out of the active set from the next.
    assertThat(net.ledger.transcoderPool()).isEmpty();
    assertThat(net.ledger.isActiveTranscoder(t)).isTrue();
    net.nextRound();
    assertThat(net.ledger.isActiveTranscoder(t)).isFalse();
    assertThat(net.ledger.audit()).isEmpty();

    assertThatThrownBy(() -> net.ledger.slash(finder, new Evidence(t, "fault-1", true))).hasMessage("evidence already used");
    assertThatThrownBy(() -> net.ledger.slash(finder, new Evidence(t, "fault-2", false))).hasMessage("evidence does not prove a fault: told not to");
  }

  @Test
  void withoutAFinderTheWholePenaltyIsBurned() {
    TestNet net = network(TestNet.simple().with(NetworkParameter.SLASH_AMOUNT, 100_000));
    SlashResult result = net.ledger.slash(EthAddress.ZERO, new Evidence(t, "fault-1", true));
    assertThat(result.burned()).isEqualTo(lpt(100)).isEqualTo(result.penalty());
    assertThat(net.ledger.lptBalance(SystemAccounts.MINTER)).isEqualTo(lpt(3900));
  }

  @Test
  void governanceCanTurnSlashingOn() {
    TestNet net = network(TestNet.simple().with(NetworkParameter.VOTING_PERIOD, 1));
    long id = net.ledger.propose(t, List.of(ParameterChange.of(NetworkParameter.SLASH_AMOUNT, 50_000)), "enable slashing at 5%");
    net.advanceRounds(2);
    net.ledger.castVote(t, id, VoteType.FOR);
    net.advanceRounds(1);
    net.ledger.execute(id);
    assertThatThrownBy(() -> net.ledger.slash(finder, new Evidence(t, "fault-1", true))).hasMessage("slashing is disabled");
    net.nextRound();
    assertThat(net.ledger.slash(finder, new Evidence(t, "fault-1", true)).penalty()).isEqualTo(lpt(50));
  }
}
