package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.DelegatorInfo;
import dev.lpnode.ledger.DelegatorStatus;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.ledger.TranscoderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BondingTest {
  private final EthAddress t1 = account(1);
  private final EthAddress t2 = account(2);
  private final EthAddress t3 = account(3);
  private final EthAddress d = account(10);
  private final EthAddress e = account(11);

  private TestNet net(int activeSetSize) {
    TestNet net = new TestNet(TestNet.simple().with(NetworkParameter.NUM_ACTIVE_TRANSCODERS, activeSetSize));
    for (EthAddress a : new EthAddress[] {t1, t2, t3, d, e}) {
      net.ledger.mintLpt(a, lpt(10_000));
    }
    return net;
  }

  private static void register(TestNet net, EthAddress t, long stake) {
    net.ledger.bond(t, lpt(stake), t);
    net.ledger.registerTranscoder(t, 100_000, 500_000);
  }

  /** t1 registered with 1000 LPT and d's 500 LPT bonded to it, both active from the round it is now. */
  private TestNet delegatedToT1(int activeSetSize) {
    TestNet net = net(activeSetSize);
    register(net, t1, 1000);
    net.ledger.bond(d, lpt(500), t1);
    net.nextRound();
    return net;
  }

  @Test
  void roundsAdvanceWithBlocksAndInitializeOnce() {
    TestNet net = net(10);
    assertThat(net.ledger.round().round()).isEqualTo(1);
    net.blocks.number = 250;
    RoundInfo before = net.ledger.round();
    assertThat(before.round()).isEqualTo(3);
    assertThat(before.initialized()).isFalse();
    assertThat(before.lastInitializedRound()).isEqualTo(1);

    net.ledger.initializeRound();
    RoundInfo r = net.ledger.round();
    assertThat(r.round()).isEqualTo(3);
    assertThat(r.roundStartBlock()).isEqualTo(200);
    assertThat(r.initialized()).isTrue();
    assertThat(net.ledger.blockHashForRound(3)).contains(net.blocks.blockHash(249));
    assertThat(net.ledger.blockHashForRound(2)).isEmpty();
    assertThatThrownBy(net.ledger::initializeRound).hasMessage("round already initialized");
  }

  @Test
  void theLastTenthOfARoundIsLocked() {
    TestNet net = net(10);
    net.ledger.bond(t1, lpt(100), t1);
    net.blocks.number = 89;
    assertThat(net.ledger.round().locked()).isFalse();
    net.blocks.number = 90;
    assertThat(net.ledger.round().locked()).isTrue();
    assertThatThrownBy(() -> net.ledger.registerTranscoder(t1, 0, 0)).hasMessage("can't update transcoder params, current round is locked");
  }

  @Test
  void operationsNeedAnInitializedRoundWithoutAutoInitialization() {
    TestNet net = net(10);
    StateLedger manual = new StateLedger(net.store, net.blocks, FaultVerifier.NONE, false);
    net.blocks.number = 100;
    assertThatThrownBy(() -> manual.bond(d, lpt(1), t1)).hasMessage("current round is not initialized");
    manual.initializeRound();
    manual.bond(d, lpt(1), t1);
    assertThat(manual.delegator(d).bondedAmount()).isEqualTo(lpt(1));
  }

  @Test
  void aNewBondIsPendingUntilTheNextRound() {
    TestNet net = net(10);
    register(net, t1, 1000);
    net.ledger.bond(d, lpt(500), t1);
    assertThat(net.ledger.delegator(d).status()).isEqualTo(DelegatorStatus.PENDING);
    assertThatThrownBy(() -> net.ledger.unbond(d, lpt(1))).isInstanceOf(LedgerException.class).hasMessage("caller must be bonded");

    net.nextRound();
    assertThat(net.ledger.delegator(d).status()).isEqualTo(DelegatorStatus.BONDED);
    assertThat(net.ledger.transcoder(t1).totalStake()).isEqualTo(lpt(1500));
    assertThat(net.ledger.lptBalance(d)).isEqualTo(lpt(9500));
    assertThat(net.ledger.lptBalance(SystemAccounts.MINTER)).isEqualTo(lpt(1500));
  }

  @Test
  void unbondingLocksWithdrawAfterTheUnbondingPeriodAndCanBeRebonded() {
    TestNet net = delegatedToT1(10);

    long first = net.ledger.unbond(d, lpt(200));
    long second = net.ledger.unbond(d, lpt(100));
    DelegatorInfo info = net.ledger.delegator(d);
    assertThat(info.bondedAmount()).isEqualTo(lpt(200));
    assertThat(info.unbondingLocks()).extracting(DelegatorInfo.UnbondingLockInfo::withdrawRound).containsExactly(4L, 4L);
    assertThat(net.ledger.transcoder(t1).totalStake()).isEqualTo(lpt(1200));
    assertThatThrownBy(() -> net.ledger.withdrawStake(d, first)).hasMessage("withdraw round must be before or equal to the current round");

    net.advanceRounds(3);
    // Rebonding still works after the withdraw round, as long as the lock was not withdrawn.
    net.ledger.rebond(d, second);
    assertThat(net.ledger.delegator(d).bondedAmount()).isEqualTo(lpt(300));
    assertThat(net.ledger.withdrawStake(d, first)).isEqualTo(lpt(200));
    assertThat(net.ledger.lptBalance(d)).isEqualTo(lpt(9700));
    assertThatThrownBy(() -> net.ledger.withdrawStake(d, first)).hasMessage("invalid unbonding lock ID");
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void unbondingEverythingUnbondsAndRebondFromUnbondedPicksANewDelegate() {
    TestNet net = net(10);
    register(net, t1, 1000);
    register(net, t2, 1000);
    net.ledger.bond(d, lpt(500), t1);
    net.nextRound();
    long lock = net.ledger.unbond(d, lpt(500));
    assertThat(net.ledger.delegator(d).status()).isEqualTo(DelegatorStatus.UNBONDED);
    assertThat(net.ledger.delegator(d).delegate()).isEqualTo(EthAddress.ZERO);
    assertThatThrownBy(() -> net.ledger.rebond(d, lock)).hasMessage("caller must be bonded");

    net.ledger.rebondFromUnbonded(d, t2, lock);
    assertThat(net.ledger.delegator(d).status()).isEqualTo(DelegatorStatus.PENDING);
    assertThat(net.ledger.transcoder(t2).totalStake()).isEqualTo(lpt(1500));
    assertThat(net.ledger.transcoder(t1).totalStake()).isEqualTo(lpt(1000));
  }

  @Test
  void movingABondMovesTheWholeStake() {
    TestNet net = net(10);
    register(net, t1, 1000);
    register(net, t2, 1000);
    net.ledger.bond(d, lpt(500), t1);
    net.nextRound();
    net.ledger.bond(d, lpt(100), t2);
    assertThat(net.ledger.transcoder(t1).totalStake()).isEqualTo(lpt(1000));
    assertThat(net.ledger.transcoder(t2).totalStake()).isEqualTo(lpt(1600));
    assertThat(net.ledger.delegator(d).status()).isEqualTo(DelegatorStatus.PENDING);
    assertThatThrownBy(() -> net.ledger.bond(t1, BigInteger.ZERO, t2)).hasMessage("registered transcoders can't delegate towards other addresses");
    assertThatThrownBy(() -> net.ledger.bond(e, BigInteger.ZERO, t2)).hasMessage("delegation amount must be greater than 0");
  }

  @Test
  void transferBondGivesAnUnbondedReceiverTheSendersDelegate() {
    TestNet net = delegatedToT1(10);
    net.ledger.transferBond(d, e, lpt(200));
    DelegatorInfo receiver = net.ledger.delegator(e);
    assertThat(receiver.delegate()).isEqualTo(t1);
    assertThat(receiver.bondedAmount()).isEqualTo(lpt(200));
    assertThat(receiver.status()).isEqualTo(DelegatorStatus.PENDING);
    assertThat(net.ledger.delegator(d).bondedAmount()).isEqualTo(lpt(300));
    assertThat(net.ledger.delegator(d).unbondingLocks()).isEmpty();
    assertThat(net.ledger.transcoder(t1).totalStake()).isEqualTo(lpt(1500));
    // A third party cannot trigger a claim for an active transcoder's delegator before its reward call.
    assertThatThrownBy(() -> net.ledger.transferBond(d, t1, lpt(1))).hasMessage("ILLEGAL_CLAIM_EARNINGS");
    // Nor make an unbonded account delegate to itself.
    net.ledger.reward(t1);
    net.ledger.unbond(t1, net.ledger.delegator(t1).pendingStake());
    assertThat(net.ledger.isRegisteredTranscoder(t1)).isFalse();
    assertThatThrownBy(() -> net.ledger.transferBond(d, t1, lpt(1))).hasMessage("INVALID_DELEGATOR");
  }

  @Test
  void theActiveSetIsTheTopNAndChangesNextRound() {
    TestNet net = net(2);
    register(net, t1, 1000);
    register(net, t2, 2000);
    net.nextRound();
    assertThat(net.ledger.activeTranscoders()).extracting(TranscoderInfo::address).containsExactlyInAnyOrder(t1, t2);

    // t3 with the same stake as the last member cannot join; with more it evicts it next round.
    net.ledger.bond(t3, lpt(1000), t3);
    net.ledger.registerTranscoder(t3, 0, 0);
    assertThat(net.ledger.transcoderPool()).extracting(TranscoderInfo::address).containsExactly(t2, t1);
    net.ledger.bond(t3, lpt(1), t3);
    assertThat(net.ledger.transcoderPool()).extracting(TranscoderInfo::address).containsExactly(t2, t3);
    assertThat(net.ledger.isActiveTranscoder(t1)).isTrue();
    assertThat(net.ledger.isActiveTranscoder(t3)).isFalse();

    net.nextRound();
    assertThat(net.ledger.activeTranscoders()).extracting(TranscoderInfo::address).containsExactlyInAnyOrder(t2, t3);
    assertThat(net.ledger.isRegisteredTranscoder(t1)).isTrue();
    assertThat(net.ledger.issuance().totalActiveStake()).isEqualTo(lpt(3001));
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void rewardOnlyForActiveTranscodersOncePerRound() {
    TestNet net = net(10);
    register(net, t1, 1000);
    assertThatThrownBy(() -> net.ledger.reward(t1)).hasMessage("transcoder must be active");
    net.nextRound();
    net.ledger.reward(t1);
    assertThatThrownBy(() -> net.ledger.reward(t1)).hasMessage("caller has already called reward for the current round");
    // An active transcoder may only change its rates after calling reward.
    net.ledger.registerTranscoder(t1, 200_000, 100_000);
    assertThat(net.ledger.transcoder(t1).rewardCut()).isEqualTo(200_000);
  }

  @Test
  void stakeMovesToATranscoderLeavingThePoolOnlyAfterItCalledRewardThisRound() {
    TestNet net = delegatedToT1(1);
    long lock = net.ledger.unbond(d, lpt(10));
    register(net, t2, 2000); // evicts t1 from the next round; it stays active in this one
    assertThat(net.ledger.isActiveTranscoder(t1)).isTrue();
    assertThatThrownBy(() -> net.ledger.bond(e, lpt(1), t1)).hasMessage("transcoder has not yet called reward for the current round");
    assertThatThrownBy(() -> net.ledger.rebond(d, lock)).hasMessage("transcoder has not yet called reward for the current round");
    net.ledger.reward(t1);
    net.ledger.bond(e, lpt(1), t1);
    net.ledger.rebond(d, lock);
    assertThat(net.ledger.delegator(d).bondedAmount()).isEqualTo(lpt(500));
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void aFailedOperationChangesNothing() {
    TestNet net = net(10);
    register(net, t1, 1000);
    assertThatThrownBy(() -> net.ledger.bond(d, lpt(20_000), t1)).hasMessage("ERC20: transfer amount exceeds balance");
    assertThat(net.ledger.delegator(d).bondedAmount()).isZero();
    assertThat(net.ledger.transcoder(t1).totalStake()).isEqualTo(lpt(1000));
    assertThatThrownBy(() -> net.ledger.registerTranscoder(t1, 1_000_001, 0)).hasMessage("invalid rewardCut percentage");
    assertThatThrownBy(() -> net.ledger.registerTranscoder(d, 0, 0)).hasMessage("transcoder must be registered");
    assertThat(net.ledger.audit()).isEmpty();
  }
}
